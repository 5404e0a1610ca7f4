// End-to-end test of akhbar's web page in a real browser: Debian's chromium,
// headless, driven by playwright-core (web/node_modules), against
// `akhbar serve` on a store of the sample corpus (examples/corpus) plus one
// hostile article written here (markup and script in its title, body and
// address). Saves a screenshot of every page it checks into --out.
//
//   node tests/e2e/browser_test.mjs --akhbar build/akhbar --out build/e2e
//
// Exit status: 0 all checks passed, 1 a check failed, 77 skipped (no
// chromium or no web/node_modules: ctest reports it as skipped).
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const akhbar = resolve(args.akhbar || join(root, 'build', 'akhbar'));
const out = resolve(args.out || join(root, 'build', 'e2e'));
const chromium = args.chromium || '/usr/bin/chromium';

function skip(why) {
  console.log('SKIP: ' + why);
  process.exit(77);
}
if (!existsSync(chromium)) skip(chromium + ' is missing (scripts/setup.sh installs Debian\'s chromium)');
const require = createRequire(join(root, 'web', 'package.json'));
let playwright;
try {
  playwright = require('playwright-core');
} catch (e) {
  skip('playwright-core is not installed in web/node_modules (scripts/setup.sh runs npm ci)');
}
if (!existsSync(akhbar)) {
  console.error('no akhbar binary at ' + akhbar);
  process.exit(1);
}
mkdirSync(out, {recursive: true});

let failures = 0;
function check(ok, what, detail) {
  console.log((ok ? 'ok   ' : 'FAIL ') + what + (detail !== undefined ? ': ' + detail : ''));
  if (!ok) failures++;
  return ok;
}

// ------------------------------------------------------------ the store

const work = mkdtempSync(join(tmpdir(), 'akhbar-e2e-'));
const db = join(work, 'akhbar.db');
// The hostile article: a feed record (the sample corpus's JSON Lines form)
// whose title, body and url carry markup and script. Each payload sets a
// window property, so the test can tell whether any of it ran.
const hostile = {
  id: 'xss-probe',
  source: 'مختبر الأمان',
  url: 'javascript:window.__akhbarXss="url"',
  date_extracted: '2026-01-20T10:00:00Z',
  title: 'مراسلون <script>window.__akhbarXss="title"</script> يختبرون <img src=x onerror="window.__akhbarXss=\'title-img\'"> الصفحة',
  content: [
    'اختبر فريق من المراسلين صفحة الأخبار بنص يحمل وسوما خطرة <script>window.__akhbarXss="body"</script> داخل المقال.',
    'وأضاف الفريق صورة مزيفة <img src=x onerror="window.__akhbarXss=\'body-img\'"> ورابطا <a href="javascript:window.__akhbarXss=\'link\'">اضغط هنا</a> للتحقق من أن الصفحة لا تنفذ شيئا منها.',
    'وقال رئيس الفريق إن "النص يجب أن يظهر كما هو <b onmouseover=\\"window.__akhbarXss=\'quote\'\\">دون تنفيذ</b>" في كل صفحة.',
  ].join('\n\n'),
};
writeFileSync(join(work, 'hostile.jsonl'), JSON.stringify(hostile) + '\n');
for (const input of [join(root, 'examples', 'corpus'), join(work, 'hostile.jsonl')]) {
  const r = spawnSync(akhbar, ['ingest', '--db', db, input], {encoding: 'utf8'});
  if (r.status !== 0) {
    console.error('akhbar ingest ' + input + ' failed (' + r.status + '):\n' + r.stderr);
    process.exit(1);
  }
}

// ------------------------------------------------------------ the server

const server = spawn(akhbar, ['serve', '--db', db, '--port', '0'], {stdio: ['ignore', 'ignore', 'pipe']});
let serverLog = '';
const base = await new Promise((resolveBase, reject) => {
  const timer = setTimeout(() => reject(new Error('akhbar serve did not start: ' + serverLog)), 30000);
  server.stderr.on('data', (chunk) => {
    serverLog += chunk;
    const m = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(serverLog);
    if (m) {
      clearTimeout(timer);
      resolveBase(m[1]);
    }
  });
  server.on('exit', (code) => reject(new Error('akhbar serve exited (' + code + '): ' + serverLog)));
});

async function apiGet(path) {
  const res = await fetch(base + path);
  return res.json();
}

const browser = await playwright.chromium.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});

try {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}, locale: 'ar'});
  const page = await context.newPage();
  const dialogs = [];
  const cspViolations = [];
  const pageErrors = [];
  const outside = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  page.on('request', (req) => {
    if (!req.url().startsWith(base) && !req.url().startsWith('data:')) outside.push(req.url());
  });

  async function open(hash) {
    await page.goto(base + '/' + hash);
    await page.waitForSelector('body[data-ready="true"]', {timeout: 20000});
    // Charts draw on the next animation frame.
    await page.waitForTimeout(300);
  }
  async function shot(name) {
    await page.screenshot({path: join(out, name + '.png'), fullPage: true});
  }
  // What a reader sees first (the README's screenshot of the timeline).
  async function shotView(name) {
    await page.screenshot({path: join(out, name + '.png'), fullPage: false});
  }
  const noXss = async (where) => {
    const ran = await page.evaluate(() => window.__akhbarXss);
    check(ran === undefined, where + ': no injected script ran', ran);
    const injected = await page.evaluate(() => document.querySelectorAll(
      '#view script, #view img, #view [onerror], #view [onmouseover], #view a[href^="javascript:" i]').length);
    check(injected === 0, where + ': no injected element in the page', injected);
  };

  // 1. The storylines page lists the storylines.
  const list = await apiGet('/api/storylines?limit=20');
  await open('#/');
  const cards = await page.locator('#storylines > li').count();
  check(list.total >= 6, 'the sample corpus has storylines', list.total);
  check(cards === Math.min(20, list.total), 'storylines page lists every storyline', cards + ' of ' + list.total);
  const titles = await page.locator('#storylines > li h2').allTextContents();
  check(titles[0] === list.storylines[0].title, 'first storyline title shown', titles[0]);
  check(await page.locator('#storylines .spark canvas').count() >= 1, 'volume charts drawn (uPlot)');
  const dir = await page.evaluate(() => getComputedStyle(document.body).direction);
  check(dir === 'rtl', 'page is right to left', dir);
  const font = await page.evaluate(async () => {
    await document.fonts.ready;
    return document.fonts.check('16px "Noto Naskh Arabic"', 'خبر');
  });
  check(font, 'the shipped Arabic font is loaded');
  await shot('storylines');

  // 2. A timeline shows its events in date order on a time axis.
  const largest = list.storylines.reduce((a, b) => (b.events > a.events ? b : a));
  const line = await apiGet('/api/storylines/' + largest.id);
  await open('#/storylines/' + largest.id);
  await page.waitForSelector('#timeline-axis .vis-item', {timeout: 10000});
  const dates = await page.locator('#timeline-events > li time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  check(dates.length === line.timeline.length, 'timeline lists the dated events', dates.length + ' of ' + line.timeline.length);
  check(dates.every((d, i) => i === 0 || dates[i - 1] <= d), 'events in date order', dates.join(' '));
  const axisItems = await page.locator('#timeline-axis .vis-item.vis-box, #timeline-axis .vis-item.vis-range').count();
  check(axisItems === line.timeline.length, 'every dated event is on the time axis (vis-timeline)', axisItems);
  const headlines = await page.locator('#timeline-events > li h3').allTextContents();
  check(headlines.join('|') === line.timeline.map((e) => e.headline).join('|'), 'timeline headlines match the API');
  const undated = await page.locator('#undated-events > li').count();
  check(undated === line.undated.length, 'undated events listed apart', undated);
  await shot('timeline');
  await shotView('timeline-view');

  // 3. An event page shows quotations and claims with their sources.
  let eventId = null;
  for (const s of list.storylines) {
    const full = await apiGet('/api/storylines/' + s.id);
    const e = [...full.timeline, ...full.undated].find((x) => x.quotes.length && x.claims.length);
    if (e) {
      eventId = e.id;
      break;
    }
  }
  if (check(eventId !== null, 'some event has quotations and claims')) {
    const event = await apiGet('/api/events/' + eventId);
    await open('#/events/' + eventId);
    const quotes = await page.locator('.quotes .quote').count();
    check(quotes === event.quotes.length, 'event page shows its quotations', quotes + ' of ' + event.quotes.length);
    const speakers = await page.locator('.quotes .speaker h3').count();
    check(speakers >= 1, 'quotations grouped by speaker', speakers);
    const claimRows = await page.locator('table.claims tr.claim').count();
    check(claimRows === Math.min(30, event.claims.length), 'event page shows its claims', claimRows);
    const counts = await page.locator('table.claims tr.claim td.claim-count').allTextContents();
    check(counts.length > 0 && counts.every((t) => t.trim().length > 0), 'each claim shows its independent sources');
    const sourceLinks = await page.locator('table.claims tr.claim ul.sources a').count();
    check(sourceLinks >= event.claims.length, 'each claim lists the outlets that carry it', sourceLinks);
    const groups = await page.locator('#event-articles > li').count();
    check(groups === event.duplicate_groups.length, 'articles grouped by duplicate group', groups);
    await shot('event');
  }
  // The conflict of the sample corpus (two figures for one thing) side by side.
  let conflictEvent = null;
  for (const s of list.storylines) {
    const full = await apiGet('/api/storylines/' + s.id);
    const e = [...full.timeline, ...full.undated].find((x) => x.conflicts.length);
    if (e) {
      conflictEvent = e.id;
      break;
    }
  }
  if (conflictEvent !== null) {
    await open('#/events/' + conflictEvent);
    const sides = await page.locator('.conflict .side').count();
    check(sides >= 2, 'conflicting figures shown side by side', sides);
    await shot('event-conflict');
  }

  // 4. Search finds an article by a name spelled differently from its text.
  // The sample corpus writes the Yemeni port as الحديدة; ask with the
  // ه-for-ة spelling and without the article, as a user might type it.
  const spelled = 'حديده';
  const direct = await apiGet('/api/search?q=' + encodeURIComponent(spelled));
  await open('#/search?q=' + encodeURIComponent(spelled));
  const results = await page.locator('#search-results > li').count();
  check(results > 0 && results === direct.count, 'search by another spelling finds articles', results);
  const marks = await page.locator('#search-results mark').count();
  check(marks > 0, 'snippets highlight the match', marks);
  const bodyHasVariant = await page.locator('#search-results').evaluate((n, s) => n.textContent.includes(s), spelled);
  check(!bodyHasVariant, 'the matched text is spelled differently from the query');
  await shot('search');
  // The search box in the header goes to the same view.
  await open('#/');
  await page.fill('#search-q', spelled);
  await page.press('#search-q', 'Enter');
  await page.waitForSelector('#search-results > li', {timeout: 10000});
  check(true, 'header search box submits');

  // 5. The hostile article is inert everywhere it appears.
  await open('#/articles/xss-probe');
  const title = await page.locator('#article-title').textContent();
  check(title.includes('<script>') && title.includes('<img src=x'), 'markup in the title is shown as text', title);
  const body = await page.locator('#article-body').textContent();
  check(body.includes('<script>') || body.includes('onerror'), 'markup in the body is shown as text');
  check(await page.locator('#article-url').count() === 1 && await page.locator('a[href^="javascript:" i]').count() === 0,
    'a javascript: address is not a link');
  await noXss('article page');
  await shot('xss-article');
  await open('#/search?q=' + encodeURIComponent('المراسلين'));
  check(await page.locator('#search-results > li[data-id="xss-probe"]').count() === 1, 'search lists the hostile article');
  await noXss('search page');
  const probe = await apiGet('/api/articles/xss-probe');
  if (probe.event_id !== null) {
    await open('#/events/' + probe.event_id);
    await noXss('event page');
  }
  if (probe.storyline_id !== null) {
    await open('#/storylines/' + probe.storyline_id);
    await noXss('storyline page');
  }
  await open('#/');
  await noXss('storylines page');
  check(dialogs.length === 0, 'no dialog opened', dialogs.join(' | '));
  check(pageErrors.length === 0, 'no script error in the page', pageErrors.join(' | '));
  check(outside.length === 0, 'nothing fetched from another host', outside.join(' '));

  // The CSP header is there and forbids inline scripts.
  const res = await fetch(base + '/');
  const csp = res.headers.get('content-security-policy') || '';
  check(/script-src 'self'/.test(csp) && !/unsafe-inline/.test(csp), 'Content-Security-Policy without inline scripts', csp);
  // A script put inline into the page by hand is refused by that policy.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__akhbarInline = 1';
    document.body.appendChild(s);
  });
  check(await page.evaluate(() => window.__akhbarInline) === undefined, 'an inline script is refused by the policy');

  // 6. Usable on a phone-sized screen: no sideways scrolling.
  const phone = await browser.newContext({viewport: {width: 390, height: 844}, locale: 'ar', isMobile: true, hasTouch: true});
  const mobile = await phone.newPage();
  for (const [hash, name] of [['#/', 'phone-storylines'], ['#/storylines/' + largest.id, 'phone-timeline']]) {
    await mobile.goto(base + '/' + hash);
    await mobile.waitForSelector('body[data-ready="true"]', {timeout: 20000});
    await mobile.waitForTimeout(400);
    const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 1, name + ': fits the width of a phone', overflow);
    await mobile.screenshot({path: join(out, name + '.png'), fullPage: true});
  }
  await phone.close();
  await context.close();
} catch (e) {
  check(false, 'browser test ran to the end', e.stack || String(e));
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(work, {recursive: true, force: true});
}

console.log(failures ? failures + ' check(s) failed' : 'all checks passed; screenshots in ' + out);
process.exit(failures ? 1 : 0);
