// Writes the request paths of bench/serve/load.sh from a running server:
// every storyline's /api/storylines/{id}, and /api/search queries made of
// storyline title words and entity names (one and two words).
//   node paths.mjs BASE_URL STORYLINES_FILE SEARCH_FILE
import {writeFileSync} from 'node:fs';

const [base, storyFile, searchFile] = process.argv.slice(2);
const ids = [];
const queries = new Set();
for (let offset = 0; ; offset += 200) {
  const res = await fetch(`${base}/api/storylines?limit=200&offset=${offset}`);
  const page = await res.json();
  for (const s of page.storylines) {
    ids.push(s.id);
    const words = (s.title || '').split(/\s+/).filter((w) => w.length >= 4 && !/[0-9«»"'(),.:]/.test(w));
    if (words.length >= 1) queries.add(words[0]);
    if (words.length >= 3) queries.add(words[1] + ' ' + words[2]);
    for (const e of s.entities.slice(0, 2)) if (e.canonical) queries.add(e.canonical);
  }
  if (page.storylines.length < 200 || ids.length >= 5000) break;
}
if (!ids.length || !queries.size) {
  console.error('paths.mjs: the store has no storylines');
  process.exit(1);
}
writeFileSync(storyFile, ids.map((id) => `/api/storylines/${id}`).join('\n') + '\n');
writeFileSync(searchFile, [...queries].map((q) => `/api/search?q=${encodeURIComponent(q)}`).join('\n') + '\n');
console.log(`${ids.length} storyline paths, ${queries.size} search paths`);
