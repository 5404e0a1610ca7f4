// akhbar's web page: one document whose views are chosen by the URL's
// fragment (#/, #/storylines/ID, #/events/ID, #/articles/ID, #/entities/ID,
// #/search?q=). Every view reads the JSON API of the same server.
//
// Safety: text from the store is only ever put into the page as text nodes
// (textContent), never as markup; the one API field that carries markup, the
// <mark> highlighting of search snippets, is split on its tags and rebuilt
// from text nodes. Links are built here from ids (fragment links) or are an
// article's own address when it is http(s). The server's Content-Security-
// Policy allows scripts from this server only, none inline.
'use strict';

(function () {
  const view = document.getElementById('view');

  // ---------------------------------------------------------------- helpers

  // el('a', {href: '#/'}, 'text', child, ...): an element with attributes and
  // children (strings become text nodes; null and false are skipped).
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    append(node, children);
    return node;
  }
  function append(node, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  const arabicDigits = new Intl.NumberFormat('ar-EG');
  const fmtNumber = (n) => (typeof n === 'number' ? arabicDigits.format(n) : String(n));
  const dayFormat = new Intl.DateTimeFormat('ar-EG', {year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC'});
  const monthFormat = new Intl.DateTimeFormat('ar-EG', {year: 'numeric', month: 'short', timeZone: 'UTC'});
  const dayMonthFormat = new Intl.DateTimeFormat('ar-EG', {month: 'short', day: 'numeric', timeZone: 'UTC'});

  // "2024-11-01" -> a Date at UTC midnight, or null.
  function parseDay(s) {
    if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(s)) return null;
    const d = new Date(s.slice(0, 10) + 'T00:00:00Z');
    return isNaN(d.getTime()) ? null : d;
  }
  function fmtDay(s) {
    const d = parseDay(s);
    return d ? dayFormat.format(d) : 'بلا تاريخ';
  }
  function dateElement(s) {
    const d = parseDay(s);
    return d ? el('time', {datetime: s.slice(0, 10)}, dayFormat.format(d)) : el('span', {class: 'undated'}, 'بلا تاريخ');
  }
  function span(first, last) {
    if (!first) return 'بلا تاريخ';
    if (!last || last === first) return fmtDay(first);
    return fmtDay(first) + ' – ' + fmtDay(last);
  }

  const hashOf = {
    storylines: () => '#/',
    storyline: (id) => '#/storylines/' + encodeURIComponent(id),
    event: (id) => '#/events/' + encodeURIComponent(id),
    article: (id) => '#/articles/' + encodeURIComponent(id),
    entity: (id) => '#/entities/' + encodeURIComponent(id),
    search: (params) => '#/search?' + new URLSearchParams(params).toString(),
  };

  const typeNames = {PER: 'شخص', LOC: 'مكان', ORG: 'منظمة', MISC: 'أخرى'};
  const qualifierNames = {
    '': '',
    about: 'نحو',
    'more than': 'أكثر من',
    'less than': 'أقل من',
    'up to': 'ما يصل إلى',
    'at least': 'على الأقل',
    'at most': 'على الأكثر',
    tens: 'عشرات',
    hundreds: 'مئات',
    thousands: 'آلاف',
    millions: 'ملايين',
    billions: 'مليارات',
    'tens of thousands': 'عشرات الآلاف',
    'hundreds of thousands': 'مئات الآلاف',
  };

  function entityChip(e) {
    const type = e.type || '';
    return el('a', {class: 'chip chip-' + type.toLowerCase(), href: hashOf.entity(e.id), title: typeNames[type] || type},
      e.canonical || e.id);
  }
  function chips(entities, max) {
    const list = (entities || []).slice(0, max || 12);
    return list.length ? el('div', {class: 'chips'}, list.map(entityChip)) : null;
  }
  function outletList(outlets) {
    const list = outlets || [];
    if (!list.length) return null;
    return el('ul', {class: 'outlets'}, list.map((o) => el('li', {}, o)));
  }
  function claimValue(c) {
    const q = qualifierNames[c.qualifier || ''] ?? c.qualifier;
    const v = c.value === null || c.value === undefined ? '' : fmtNumber(c.value);
    if (c.counted === 'percent') return [q, v + '٪'].filter((x) => x).join(' ');
    return [q, v, c.counted].filter((x) => x).join(' ');
  }

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }
  async function api(path) {
    const res = await fetch(path, {headers: {Accept: 'application/json'}});
    let body = null;
    try {
      body = await res.json();
    } catch (e) {
      body = null;
    }
    if (!res.ok) throw new ApiError(res.status, (body && body.error) || res.statusText);
    return body;
  }

  function render(title, ...children) {
    document.title = 'أخبار: ' + title;
    view.replaceChildren(...children.flat(Infinity).filter((c) => c));
    window.scrollTo(0, 0);
  }
  function renderError(err) {
    const notFound = err instanceof ApiError && err.status === 404;
    render('خطأ', el('section', {class: 'error', role: 'alert'},
      el('h1', {}, notFound ? 'غير موجود' : 'تعذر التحميل'),
      el('p', {}, err.message || String(err)),
      el('p', {}, el('a', {href: '#/'}, 'العودة إلى القصص'))));
  }

  // ------------------------------------------------------------------ charts

  // Articles per day as bars on a time axis (uPlot), right to left like the
  // page. `small`: a sparkline without axes for the storyline list.
  function volumeChart(volume, small) {
    const box = el('div', {class: small ? 'spark' : 'volume', role: 'img',
      'aria-label': 'عدد المقالات في اليوم'});
    const points = (volume || []).map(([d, n]) => [parseDay(d), n]).filter(([d]) => d);
    if (!points.length || typeof uPlot === 'undefined') return box;
    points.sort((a, b) => a[0] - b[0]);
    const xs = points.map(([d]) => d.getTime() / 1000);
    const ys = points.map(([, n]) => n);
    // A single day still needs a span on the axis.
    const pad = Math.max(86400 * 3, (xs[xs.length - 1] - xs[0]) * 0.03);
    // Days on a span of a few months, months beyond.
    const axisFormat = xs[xs.length - 1] - xs[0] < 120 * 86400 ? dayMonthFormat : monthFormat;
    const draw = () => {
      const width = Math.max(160, Math.min(box.clientWidth || 300, 900));
      const opts = {
        width,
        height: small ? 48 : 160,
        legend: {show: false},
        cursor: {show: !small, y: false, points: {show: false}},
        scales: {x: {time: true, dir: -1, range: [xs[0] - pad, xs[xs.length - 1] + pad]}, y: {range: [0, Math.max(...ys) + 1]}},
        axes: small ? [{show: false}, {show: false}] : [
          {values: (u, splits) => splits.map((s) => axisFormat.format(new Date(s * 1000))), font: '12px sans-serif'},
          {side: 1, size: 40, font: '12px sans-serif', values: (u, splits) => splits.map((s) => fmtNumber(s))},
        ],
        series: [{}, {stroke: '#1f6f8b', fill: 'rgba(31,111,139,0.35)', width: 1,
          paths: uPlot.paths.bars({size: [0.9, small ? 6 : 14]}), points: {show: false}}],
      };
      box.replaceChildren();
      new uPlot(opts, [xs, ys], box);
    };
    requestAnimationFrame(draw);
    return box;
  }

  // The storyline's dated events on a time axis (vis-timeline, right to
  // left). Item contents are DOM nodes built here, never HTML strings.
  function eventTimeline(events) {
    const box = el('div', {class: 'axis', id: 'timeline-axis'});
    if (!events.length || typeof vis === 'undefined') return box;
    requestAnimationFrame(() => {
      const items = new vis.DataSet(events.map((e) => {
        const start = parseDay(e.date);
        const last = parseDay(e.last_date);
        // A box at the event's date; its span, when it has one, is said in
        // words (ranges with long headlines overlap on a crowded axis).
        const headline = e.headline || '—';
        const short = Array.from(headline).length > 60 ? Array.from(headline).slice(0, 58).join('') + '…' : headline;
        const spanDays = last && start ? Math.round((last - start) / 86400000) : 0;
        const content = el('div', {class: 'axis-item', 'data-event': e.id},
          el('span', {class: 'axis-headline'}, short),
          el('span', {class: 'axis-count'}, fmtNumber(e.article_count || 0) + ' مقال' +
            (spanDays >= 1 ? ' • ' + fmtNumber(spanDays + 1) + ' أيام' : '')));
        return {id: e.id, content, start, type: 'box'};
      }));
      const days = events.map((e) => parseDay(e.date)).filter((d) => d);
      // Room on both sides for the boxes of the first and last events.
      const spread = Math.max(...days) - Math.min(...days);
      const pad = Math.max(3 * 86400000, spread * 0.15);
      const min = new Date(Math.min(...days) - pad);
      const max = new Date(Math.max(...days) + pad);
      const timeline = new vis.Timeline(box, items, {
        rtl: true,
        start: min,
        end: max,
        zoomMin: 86400000 * 3,
        stack: true,
        maxHeight: 420,
        margin: {item: 6},
        showCurrentTime: false,
        orientation: {axis: 'bottom', item: 'bottom'},
        format: {
          minorLabels: (date, scale) => {
            const d = new Date(date.valueOf());
            if (scale === 'day' || scale === 'weekday') return new Intl.DateTimeFormat('ar-EG', {day: 'numeric', timeZone: 'UTC'}).format(d);
            if (scale === 'month') return new Intl.DateTimeFormat('ar-EG', {month: 'short', timeZone: 'UTC'}).format(d);
            if (scale === 'year') return new Intl.DateTimeFormat('ar-EG', {year: 'numeric', timeZone: 'UTC'}).format(d);
            return new Intl.DateTimeFormat('ar-EG', {hour: 'numeric', timeZone: 'UTC'}).format(d);
          },
          majorLabels: (date, scale) => {
            const d = new Date(date.valueOf());
            if (scale === 'day' || scale === 'weekday') return monthFormat.format(d);
            if (scale === 'month') return new Intl.DateTimeFormat('ar-EG', {year: 'numeric', timeZone: 'UTC'}).format(d);
            return '';
          },
        },
      });
      timeline.on('select', (props) => {
        if (props.items && props.items.length) location.hash = hashOf.event(props.items[0]);
      });
    });
    return box;
  }

  // ------------------------------------------------------------ the views

  async function storylinesView(params) {
    const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
    const data = await api('/api/storylines?limit=20&offset=' + offset);
    const cards = data.storylines.map((s) => el('li', {class: 'card storyline', 'data-id': s.id},
      el('div', {class: 'card-main'},
        el('h2', {}, el('a', {href: hashOf.storyline(s.id)}, s.title || '—')),
        el('p', {class: 'meta'}, span(s.first_date, s.last_date), ' • ',
          fmtNumber(s.events), ' حدث • ', fmtNumber(s.articles), ' مقال'),
        chips(s.entities, 6)),
      volumeChart(s.volume, true)));
    const pager = el('nav', {class: 'pager'},
      offset > 0 ? el('a', {href: '#/?offset=' + Math.max(0, offset - data.limit)}, 'السابق') : null,
      el('span', {class: 'muted'}, fmtNumber(offset + 1) + '–' + fmtNumber(offset + data.storylines.length) +
        ' من ' + fmtNumber(data.total)),
      offset + data.storylines.length < data.total ? el('a', {href: '#/?offset=' + (offset + data.limit)}, 'التالي') : null);
    render('القصص',
      el('h1', {}, 'القصص'),
      data.storylines.length ? el('ol', {class: 'cards', id: 'storylines'}, cards)
        : el('p', {class: 'muted'}, 'لا قصص في هذا المخزن بعد.'),
      pager);
  }

  function quoteBlock(q) {
    return el('blockquote', {class: 'quote'},
      el('p', {}, '«', q.text, '»'),
      el('footer', {},
        q.speaker_id ? el('a', {href: hashOf.entity(q.speaker_id)}, q.speaker || q.speaker_id) : (q.speaker || 'مصدر غير مسمى'),
        q.outlet ? ' • ' + q.outlet : null,
        q.article_id ? [' • ', el('a', {href: hashOf.article(q.article_id)}, 'المقال')] : null));
  }

  // Quotations grouped by speaker, speakers in order of first quotation.
  function quotesBySpeaker(quotes) {
    if (!quotes || !quotes.length) return null;
    const groups = new Map();
    for (const q of quotes) {
      const key = q.speaker_id || q.speaker || '';
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(q);
    }
    return el('section', {class: 'quotes'}, el('h2', {}, 'تصريحات'),
      [...groups.values()].map((list) => el('div', {class: 'speaker'},
        el('h3', {}, list[0].speaker_id ? el('a', {href: hashOf.entity(list[0].speaker_id)}, list[0].speaker || list[0].speaker_id)
          : (list[0].speaker || 'مصدر غير مسمى')),
        list.map(quoteBlock))));
  }

  function claimSources(c) {
    return el('ul', {class: 'sources'}, (c.sources || []).map((s) => el('li', {},
      el('a', {href: hashOf.article(s.article_id)}, s.outlet || s.article_id),
      s.attributed_name ? ' (نقلا عن ' + s.attributed_name + ')' : null,
      s.text ? el('span', {class: 'claim-text'}, ' «' + s.text + '»') : null)));
  }

  // Claims (most independent sources first) and conflicting values side by
  // side; past `maxConflicts` the conflicts are folded.
  function claimsTable(claims, conflicts, max, maxConflicts) {
    if (!claims || !claims.length) return null;
    const rows = claims.slice(0, max || 20).map((c) => el('tr', {class: 'claim'},
      el('td', {class: 'claim-value'}, claimValue(c)),
      el('td', {class: 'claim-count'}, fmtNumber(c.independent || 0)),
      el('td', {}, claimSources(c))));
    const table = el('table', {class: 'claims'},
      el('thead', {}, el('tr', {}, el('th', {}, 'الرقم'), el('th', {}, 'مصادر مستقلة'), el('th', {}, 'المصادر'))),
      el('tbody', {}, rows));
    const sides = (conflicts || []).map((k) => {
      const members = (k.claims || []).map((i) => claims[i]).filter((c) => c);
      if (members.length < 2) return null;
      return el('div', {class: 'conflict'},
        el('h3', {}, 'أرقام متعارضة: ', k.counted || ''),
        el('div', {class: 'conflict-sides'}, members.map((c) => el('div', {class: 'side'},
          el('p', {class: 'claim-value'}, claimValue(c)),
          el('p', {class: 'muted'}, fmtNumber(c.independent || 0), ' مصدر مستقل'),
          claimSources(c)))));
    }).filter((x) => x);
    const shown = maxConflicts === undefined ? sides.length : maxConflicts;
    return el('section', {class: 'claims-section'}, el('h2', {}, 'أرقام وادعاءات'),
      el('div', {class: 'table-wrap'}, table), sides.slice(0, shown),
      sides.length > shown ? el('details', {class: 'more-conflicts'},
        el('summary', {}, fmtNumber(sides.length - shown), ' تعارضات أخرى'), sides.slice(shown)) : null);
  }

  function eventSummaryBlock(e) {
    return el('li', {class: 'event', 'data-id': e.id},
      el('div', {class: 'event-date'}, dateElement(e.date)),
      el('div', {class: 'event-body'},
        el('h3', {}, el('a', {href: hashOf.event(e.id)}, e.headline || '—')),
        el('p', {class: 'meta'}, fmtNumber(e.article_count || 0), ' مقال • ', fmtNumber(e.independent_sources || 0),
          ' مصدر مستقل', (e.outlets || []).length ? ' • ' + e.outlets.join('، ') : ''),
        (e.quotes || []).slice(0, 2).map(quoteBlock),
        (e.claims || []).length ? el('p', {class: 'claims-line'}, e.claims.slice(0, 3).map((c) =>
          el('span', {class: 'claim-pill'}, claimValue(c), ' (', fmtNumber(c.independent || 0), ' مصدر)'))) : null));
  }

  async function storylineView(id) {
    const s = await api('/api/storylines/' + encodeURIComponent(id));
    render(s.title || 'قصة',
      el('p', {class: 'crumbs'}, el('a', {href: '#/'}, 'القصص')),
      el('h1', {}, s.title || '—'),
      el('p', {class: 'meta'}, span(s.first_date, s.last_date), ' • ', fmtNumber(s.events), ' حدث • ',
        fmtNumber(s.articles), ' مقال'),
      chips(s.entities, 20),
      el('section', {}, el('h2', {}, 'المقالات في اليوم'), volumeChart(s.volume, false)),
      el('section', {}, el('h2', {}, 'الخط الزمني'), eventTimeline(s.timeline),
        el('ol', {class: 'events', id: 'timeline-events'}, s.timeline.map(eventSummaryBlock))),
      s.undated.length ? el('section', {}, el('h2', {}, 'أحداث بلا تاريخ'),
        el('ul', {class: 'events', id: 'undated-events'}, s.undated.map(eventSummaryBlock))) : null,
      claimsTable(s.claims, s.conflicts, 12, 2));
  }

  async function eventView(id) {
    const e = await api('/api/events/' + encodeURIComponent(id));
    const groups = (e.duplicate_groups || []).map((g) => {
      const [first, ...copies] = g.articles;
      const line = (a) => el('span', {}, el('a', {href: hashOf.article(a.id)}, a.title || a.id),
        el('span', {class: 'muted'}, ' • ', a.outlet || '', ' • ', fmtDay(a.date)));
      return el('li', {class: 'article-group'}, line(first),
        copies.length ? el('details', {}, el('summary', {}, fmtNumber(copies.length), ' نسخة مطابقة تقريبا'),
          el('ul', {}, copies.map((a) => el('li', {}, line(a))))) : null);
    });
    render(e.headline || 'حدث',
      el('p', {class: 'crumbs'}, el('a', {href: '#/'}, 'القصص'),
        e.storyline ? [' › ', el('a', {href: hashOf.storyline(e.storyline.id)}, e.storyline.title)] : null),
      el('h1', {}, e.headline || '—'),
      el('p', {class: 'meta'}, dateElement(e.date), ' • ', fmtNumber(e.article_count || 0), ' مقال • ',
        fmtNumber(e.independent_sources || 0), ' مصدر مستقل'),
      (e.summary || []).length ? el('section', {class: 'summary'}, el('h2', {}, 'الملخص'),
        e.summary.map((t) => el('p', {}, t))) : null,
      el('section', {}, el('h2', {}, 'المنافذ'), outletList(e.outlets)),
      chips(e.entities, 20),
      quotesBySpeaker(e.quotes),
      claimsTable(e.claims, e.conflicts, 30),
      el('section', {}, el('h2', {}, 'المقالات'), el('ul', {class: 'articles', id: 'event-articles'}, groups)));
  }

  // The body with entity mentions marked; mention offsets are in code points.
  function markedBody(body, entities) {
    const chars = Array.from(body || '');
    const marks = [];
    for (const e of entities || [])
      for (const m of e.mentions || [])
        if (Number.isInteger(m.start) && Number.isInteger(m.end) && m.start < m.end && m.end <= chars.length)
          marks.push({start: m.start, end: m.end, entity: e});
    marks.sort((a, b) => a.start - b.start || b.end - a.end);
    const out = [];
    let at = 0;
    for (const m of marks) {
      if (m.start < at) continue;  // overlapping mention: the first wins
      out.push(chars.slice(at, m.start).join(''));
      out.push(el('a', {class: 'mention mention-' + (m.entity.type || '').toLowerCase(), href: hashOf.entity(m.entity.id),
        title: m.entity.canonical || ''}, chars.slice(m.start, m.end).join('')));
      at = m.end;
    }
    out.push(chars.slice(at).join(''));
    // Paragraphs: the cleaned body separates them with blank lines or newlines.
    const paragraphs = [];
    let current = el('p', {});
    for (const piece of out) {
      if (typeof piece !== 'string') {
        current.appendChild(piece);
        continue;
      }
      const parts = piece.split(/\n+/);
      parts.forEach((part, i) => {
        if (i > 0) {
          paragraphs.push(current);
          current = el('p', {});
        }
        if (part) current.appendChild(document.createTextNode(part));
      });
    }
    paragraphs.push(current);
    return el('div', {class: 'article-body', id: 'article-body'}, paragraphs.filter((p) => p.childNodes.length));
  }

  async function articleView(id) {
    const a = await api('/api/articles/' + encodeURIComponent(id));
    const safeUrl = typeof a.url === 'string' && /^https?:\/\//i.test(a.url) ? a.url : null;
    render(a.title || 'مقال',
      el('p', {class: 'crumbs'}, el('a', {href: '#/'}, 'القصص'),
        a.storyline_id !== null ? [' › ', el('a', {href: hashOf.storyline(a.storyline_id)}, 'القصة')] : null,
        a.event_id !== null ? [' › ', el('a', {href: hashOf.event(a.event_id)}, 'الحدث')] : null),
      el('h1', {id: 'article-title'}, a.title || '—'),
      el('p', {class: 'meta'}, a.outlet || '', a.outlet ? ' • ' : '', dateElement(a.date),
        a.author ? ' • ' + a.author : '',
        safeUrl ? [' • ', el('a', {href: safeUrl, rel: 'noopener noreferrer nofollow', target: '_blank'}, 'المصدر')]
          : (a.url ? [' • ', el('span', {class: 'muted', id: 'article-url'}, a.url)] : null),
        a.dup_of ? [' • نسخة من ', el('a', {href: hashOf.article(a.dup_of)}, a.dup_of)] : null),
      chips(a.entities, 20),
      markedBody(a.body, a.entities),
      (a.quotes || []).length ? el('section', {class: 'quotes'}, el('h2', {}, 'تصريحات'),
        a.quotes.map((q) => quoteBlock({...q, speaker: q.speaker || q.speaker_name}))) : null);
  }

  async function entityView(id) {
    const e = await api('/api/entities/' + encodeURIComponent(id));
    render(e.canonical || 'كيان',
      el('p', {class: 'crumbs'}, el('a', {href: '#/'}, 'القصص')),
      el('h1', {}, e.canonical || e.id),
      el('p', {class: 'meta'}, typeNames[e.type] || e.type || '', e.latin ? ' • ' : '',
        e.latin ? el('span', {dir: 'ltr'}, e.latin) : null, ' • ', fmtNumber(e.article_count || 0), ' مقال'),
      (e.variants || []).length ? el('section', {}, el('h2', {}, 'صيغ الاسم في النصوص'),
        el('ul', {class: 'variants'}, e.variants.map((v) => el('li', {}, v.text, el('span', {class: 'muted'}, ' ×', fmtNumber(v.count)))))) : null,
      (e.roles || []).length ? el('section', {}, el('h2', {}, 'الصفات'),
        el('ul', {class: 'variants'}, e.roles.map((v) => el('li', {}, v.text)))) : null,
      (e.storylines || []).length ? el('section', {}, el('h2', {}, 'القصص'),
        el('ul', {}, e.storylines.map((s) => el('li', {}, el('a', {href: hashOf.storyline(s.id)}, s.title),
          el('span', {class: 'muted'}, ' • ', span(s.first_date, s.last_date)))))) : null,
      (e.quotes || []).length ? el('section', {class: 'quotes'}, el('h2', {}, 'تصريحات'),
        e.quotes.map((q) => quoteBlock({...q, speaker: e.canonical, speaker_id: null}))) : null,
      el('section', {}, el('h2', {}, 'المقالات'),
        el('ul', {class: 'articles'}, (e.articles || []).map((a) => el('li', {},
          el('a', {href: hashOf.article(a.id)}, a.title || a.id),
          el('span', {class: 'muted'}, ' • ', a.outlet || '', ' • ', fmtDay(a.date)))))));
  }

  // A search snippet: escaped text with <mark>…</mark> around the matched
  // words. Split on exactly those two tags (the server escapes every other
  // '<'), unescape the pieces and rebuild as text nodes and <mark> elements.
  function highlighted(html) {
    const unescape = (s) => s.replace(/&(lt|gt|quot|#39|amp);/g,
      (m, name) => ({lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&'})[name]);
    const out = [];
    let inMark = false;
    for (const piece of String(html || '').split(/(<mark>|<\/mark>)/)) {
      if (piece === '<mark>') inMark = true;
      else if (piece === '</mark>') inMark = false;
      else if (piece) out.push(inMark ? el('mark', {}, unescape(piece)) : unescape(piece));
    }
    return out;
  }

  async function searchView(params) {
    const q = params.get('q') || '';
    document.getElementById('search-q').value = q;
    const form = el('form', {class: 'search-full', id: 'search-page-form'},
      el('label', {}, 'الكلمات ', el('input', {name: 'q', type: 'search', value: q, maxlength: 300})),
      el('label', {}, 'من ', el('input', {name: 'from', type: 'date', value: params.get('from') || ''})),
      el('label', {}, 'إلى ', el('input', {name: 'to', type: 'date', value: params.get('to') || ''})),
      el('label', {}, 'المنفذ ', el('input', {name: 'outlet', type: 'text', value: params.get('outlet') || '', maxlength: 200})),
      el('button', {type: 'submit'}, 'بحث'));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const p = {};
      for (const [k, v] of new FormData(form).entries()) if (v) p[k] = v;
      location.hash = hashOf.search(p);
    });
    if (!q) {
      render('بحث', el('h1', {}, 'بحث'), form);
      return;
    }
    const query = new URLSearchParams({q, limit: '20'});
    for (const k of ['from', 'to', 'outlet', 'entity']) if (params.get(k)) query.set(k, params.get(k));
    const data = await api('/api/search?' + query.toString());
    render('بحث: ' + q, el('h1', {}, 'بحث'), form,
      el('p', {class: 'meta'}, fmtNumber(data.count), ' نتيجة'),
      el('ol', {class: 'results', id: 'search-results'}, data.results.map((r) => el('li', {class: 'result', 'data-id': r.id},
        el('h3', {}, el('a', {href: hashOf.article(r.id)}, highlighted(r.title))),
        el('p', {class: 'muted'}, r.outlet || '', ' • ', fmtDay(r.date)),
        el('p', {class: 'snippet'}, highlighted(r.snippet))))));
  }

  // ------------------------------------------------------------------ router

  async function route() {
    const hash = location.hash.replace(/^#/, '') || '/';
    const [path, query] = hash.split('?', 2);
    const params = new URLSearchParams(query || '');
    const parts = path.split('/').filter((p) => p);
    let id = parts.length > 1 ? parts.slice(1).join('/') : '';
    try {
      id = decodeURIComponent(id);
    } catch (e) {
      renderError(new ApiError(400, 'عنوان غير صالح'));
      return;
    }
    document.body.dataset.view = parts[0] || 'storylines';
    try {
      if (parts.length === 0) await storylinesView(params);
      else if (parts[0] === 'storylines' && id) await storylineView(id);
      else if (parts[0] === 'events' && id) await eventView(id);
      else if (parts[0] === 'articles' && id) await articleView(id);
      else if (parts[0] === 'entities' && id) await entityView(id);
      else if (parts[0] === 'search') await searchView(params);
      else throw new ApiError(404, 'لا توجد صفحة بهذا العنوان');
    } catch (err) {
      renderError(err);
    }
    document.body.dataset.ready = 'true';
  }

  document.getElementById('search-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = document.getElementById('search-q').value.trim();
    if (q) location.hash = hashOf.search({q});
  });
  window.addEventListener('hashchange', () => {
    document.body.dataset.ready = 'false';
    route();
  });
  route();
})();
