// The emulator's web console (GET /_emulator/console): one self-contained HTML page, inline CSS and
// vanilla JS, no external assets. It only reads and drives the emulator's own JSON endpoints:
//   /_emulator/collections[/<name>]   data, paged 20 documents at a time
//   /_emulator/storage/files          stored files (previews of images through /_emulator/storage/content),
//                                     and what each recent storage request did
//   /_emulator/functions[/calls]      loaded functions and recent invocations (logs, cold start, DB cost)
//   /_emulator/faults                 armed fault injections (kill an instance at its n-th DB request); disarm
//   /_emulator/triggers[/run]         timer triggers, their next fire time, run now, firing history
//   /_emulator/outbox                 subscription messages the WeChat stand-in "sent"; clear
//   /_emulator/clock                  the emulator clock (UTC and China time), +1 h, +1 day, freeze, set
//   /_emulator/requests, /stats       recent admin requests with their plans and counters
//
// Safety: documents, logs and messages contain user text. The script builds the DOM with el(), which
// inserts every value as a text node or attribute value, so no data is ever parsed as HTML.
//
// The script lives in String.raw (backslashes reach the browser as written) and must not contain a
// backtick or a dollar-brace: it uses plain string concatenation.

interface SectionDef {
  id: string;
  zh: string;
  en: string;
  /** Extra controls in the section's bar, before the refresh button. */
  controls?: string;
  /** Extra elements between the bar and the body (result notes). */
  notes?: string;
  auto?: boolean;
}

const SECTIONS: SectionDef[] = [
  { id: 'collections', zh: '数据', en: 'Collections' },
  { id: 'files', zh: '文件', en: 'Files' },
  { id: 'calls', zh: '函数调用', en: 'Calls', auto: true },
  { id: 'triggers', zh: '定时触发器', en: 'Triggers', notes: '<p class="note" id="runresult" role="status" hidden></p>' },
  {
    id: 'outbox', zh: '消息', en: 'Outbox', auto: true,
    controls: '<button type="button" id="clearoutbox" class="danger">清空 clear</button>',
    notes: '<p class="note" id="outboxmsg" role="status" hidden></p>',
  },
  { id: 'requests', zh: '请求', en: 'Requests', controls: '<button type="button" id="resetstats">计数清零 reset stats</button>' },
];

const tabs = SECTIONS.map(
  (s) => `<button type="button" role="tab" id="tab-${s.id}" data-tab="${s.id}" aria-controls="${s.id}" aria-selected="false">${s.zh} <span>${s.en}</span></button>`,
).join('');

const sections = SECTIONS.map(
  (s) => `<section id="${s.id}" role="tabpanel" aria-labelledby="tab-${s.id}" hidden>
  <div class="bar"><h2>${s.zh} <span>${s.en}</span></h2>${s.auto ? '<span class="auto"></span>' : ''}<span class="spacer"></span>${s.controls ?? ''}<button type="button" data-refresh="${s.id}">↻ 刷新 refresh</button></div>
  <p class="error" role="alert" hidden></p>${s.notes ?? ''}
  <div class="body"><p class="empty loading">加载中… / loading…</p></div>
</section>`,
).join('\n');

const CSS = String.raw`
:root { --fg: #1f2328; --muted: #636c76; --line: #d8dee4; --bg: #f6f8fa; --accent: #0b57d0; --ok: #1a7f37; --bad: #c0262d; --warn: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff; font: 14px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Segoe UI", sans-serif; }
code, pre, .mono, summary.line { font-family: ui-monospace, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; font-size: 12.5px; }
button { font: inherit; padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff; color: var(--fg); cursor: pointer; white-space: nowrap; }
button:hover:not(:disabled) { border-color: var(--accent); color: var(--accent); }
button:disabled { opacity: .5; cursor: default; }
button.danger:hover:not(:disabled) { border-color: var(--bad); color: var(--bad); }
input { font: inherit; padding: 3px 6px; border: 1px solid var(--line); border-radius: 6px; }
header { display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center; justify-content: space-between; padding: 12px 20px; background: var(--bg); border-bottom: 1px solid var(--line); }
h1 { margin: 0; font-size: 18px; }
h1 small { display: block; font-size: 12px; font-weight: normal; color: var(--muted); }
.clock { display: grid; gap: 6px; justify-items: end; }
.times { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; justify-content: flex-end; }
.times b { font-weight: normal; color: var(--muted); margin-right: 4px; }
#cn { font-size: 16px; font-weight: 600; }
.controls { display: flex; flex-wrap: wrap; gap: 6px; justify-content: flex-end; align-items: center; }
.controls form { display: flex; gap: 6px; align-items: center; }
.controls label { white-space: nowrap; }
.badge { font-size: 12px; padding: 1px 8px; border-radius: 10px; background: #e7f5ea; color: var(--ok); }
.badge.frozen { background: #e8f0fe; color: var(--accent); }
nav { display: flex; gap: 2px; padding: 0 20px; border-bottom: 1px solid var(--line); overflow-x: auto; }
nav button { border: 0; border-bottom: 2px solid transparent; border-radius: 0; padding: 10px 12px; background: none; }
nav button span, h2 span { color: var(--muted); font-weight: normal; }
nav button[aria-selected="true"] { border-bottom-color: var(--accent); color: var(--accent); font-weight: 600; }
main { max-width: 1240px; margin: 0 auto; padding: 12px 20px 40px; }
.bar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 8px; }
.bar .spacer { flex: 1; }
h2 { margin: 0; font-size: 17px; }
h3 { margin: 18px 0 8px; font-size: 14px; }
h3 small, .muted, .meta { color: var(--muted); font-weight: normal; }
h4 { margin: 10px 0 4px; font-size: 13px; }
.auto { font-size: 12px; color: var(--muted); }
.error { margin: 8px 0; padding: 8px 12px; border-radius: 6px; background: #ffebe9; color: var(--bad); border: 1px solid #ffcecb; }
.note { margin: 8px 0; padding: 6px 12px; border-radius: 6px; background: #e7f5ea; color: var(--ok); }
.note.bad { background: #ffebe9; color: var(--bad); }
.empty, .hint { color: var(--muted); padding: 16px; text-align: center; border: 1px dashed var(--line); border-radius: 8px; margin: 8px 0; }
section[aria-busy="true"] .body { opacity: .6; }
.ok { color: var(--ok); }
.bad { color: var(--bad); }
.warn { color: var(--warn); }
.scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: middle; white-space: nowrap; }
th { background: var(--bg); font-weight: 600; font-size: 12.5px; }
tbody tr:last-child td { border-bottom: 0; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.row { cursor: pointer; }
tr.row:hover, tr.row.open { background: #f0f6ff; }
tr.row td:first-child::before { content: "▸ "; color: var(--muted); }
tr.row.open td:first-child::before { content: "▾ "; }
tr.detail td { white-space: normal; background: #fbfcfd; }
pre { margin: 0; padding: 8px 10px; background: var(--bg); border-radius: 6px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
.split { display: grid; grid-template-columns: 240px minmax(0, 1fr); gap: 16px; align-items: start; }
.colls { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
.colls button { width: 100%; display: flex; justify-content: space-between; gap: 8px; text-align: left; }
.colls button[aria-pressed="true"] { border-color: var(--accent); background: #e8f0fe; color: var(--accent); }
.colls .count { color: var(--muted); font-variant-numeric: tabular-nums; }
.docs h3 { margin-top: 0; }
.docs { min-width: 0; }
.doclist { display: grid; grid-template-columns: minmax(0, 1fr); gap: 4px; }
details.doc { border: 1px solid var(--line); border-radius: 6px; }
details.doc > summary { padding: 4px 10px; cursor: pointer; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
details.doc[open] > summary { color: var(--muted); border-bottom: 1px solid var(--line); }
details.doc > pre { border-radius: 0 0 6px 6px; }
.pager { display: flex; gap: 12px; align-items: center; justify-content: center; margin: 10px 0; }
.chips { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
.chip { padding: 2px 10px; border: 1px solid var(--line); border-radius: 12px; }
.chip small { color: var(--muted); }
.chip.bad { border-color: #ffcecb; background: #ffebe9; }
.logs span { display: block; }
.cards { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 10px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; min-width: 0; }
.card dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 12px; margin: 8px 0; }
.card dt { color: var(--muted); }
.card dd { margin: 0; word-break: break-word; }
.card summary { cursor: pointer; color: var(--muted); font-size: 12px; }
.totals { display: flex; flex-wrap: wrap; gap: 8px; margin: 0 0 10px; }
.totals div { border: 1px solid var(--line); border-radius: 8px; padding: 6px 14px; }
.totals dt { font-size: 12px; color: var(--muted); }
.totals dd { margin: 0; font-size: 18px; font-weight: 600; font-variant-numeric: tabular-nums; }
.thumb { width: 48px; height: 48px; object-fit: cover; border-radius: 4px; border: 1px solid var(--line); background: var(--bg); display: block; }
.preview { max-width: min(100%, 480px); max-height: 360px; border: 1px solid var(--line); border-radius: 6px; display: block; margin: 6px 0; }
.noimg { display: inline-block; width: 48px; text-align: center; color: var(--muted); font-size: 12px; }
td.path { white-space: normal; word-break: break-all; min-width: 160px; }
.codes { list-style: none; margin: 0; padding: 0; }
.codes li { white-space: normal; word-break: break-all; }
@media (max-width: 720px) {
  header, main { padding-left: 10px; padding-right: 10px; }
  nav { padding: 0 6px; }
  nav button { padding: 8px 8px; }
  nav button span { display: none; }
  .clock, .times, .controls { justify-items: start; justify-content: flex-start; }
  .split { grid-template-columns: minmax(0, 1fr); }
  .cards { grid-template-columns: minmax(0, 1fr); }
}
`;

const SCRIPT = String.raw`
'use strict';
const HOUR = 3600000, DAY = 24 * HOUR, CN = 8 * HOUR, PAGE = 20;
const $ = (sel, root) => (root || document).querySelector(sel);
const state = { tab: 'collections', coll: null, offset: 0, fileOffset: 0, collections: [], clock: null, loading: {} };
const loaders = { collections: loadCollections, files: loadFiles, calls: loadCalls, triggers: loadTriggers, outbox: loadOutbox, requests: loadRequests };
const AUTO = ['calls', 'outbox'];

// el('td', {class: 'num', onclick: f}, child, ...): children that are not nodes become text nodes, so
// user data is never parsed as HTML. null/false attributes and children are skipped; arrays are flattened.
function el(tag, attrs, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) n.addEventListener(k.slice(2), v);
    else n.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat(Infinity)) if (kid != null && kid !== false) n.append(kid instanceof Node ? kid : String(kid));
  return n;
}
const empty = (text) => el('p', { class: 'empty' }, text);
const okMark = () => el('span', { class: 'ok' }, '✓ 成功 ok');
const badMark = (text, title) => el('span', { class: 'bad', title: title }, '✗ ' + text);
const th = (text, num) => el('th', { class: num ? 'num' : null }, text);
const td = (content, num, title) => el('td', { class: num ? 'num' : null, title: title }, content);
function table(heads, rows) {
  return el('div', { class: 'scroll' }, el('table', {}, el('thead', {}, el('tr', {}, heads)), el('tbody', {}, rows)));
}

async function api(method, path, body) {
  const res = await fetch(path, {
    method: method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = text; }
  if (!res.ok) {
    const why = data && data.code ? data.code + ': ' + data.message : String(data || res.statusText).slice(0, 200);
    throw new Error(method + ' ' + path + ' → HTTP ' + res.status + ' ' + why);
  }
  return data;
}

// ---- time: the emulator clock, shown in China time (UTC+8, no daylight saving) with UTC alongside
const toMs = (t) => (typeof t === 'number' ? t : Date.parse(t));
function fmt(t, shift) {
  const ms = toMs(t);
  return isNaN(ms) ? String(t) : new Date(ms + shift).toISOString().slice(0, 19).replace('T', ' ');
}
const cnTime = (t) => fmt(t, CN);
const utcTime = (t) => fmt(t, 0) + 'Z';
const weekday = (ms) => '周' + '日一二三四五六'[new Date(ms + CN).getUTCDay()];
// A time cell: China time (month-day unless full), UTC on hover.
function when(t, full) {
  const ms = toMs(t);
  if (t == null || isNaN(ms)) return t == null ? '—' : el('span', { class: 'bad' }, String(t));
  return el('time', { datetime: new Date(ms).toISOString(), title: 'UTC ' + utcTime(ms) }, full ? cnTime(ms) : cnTime(ms).slice(5));
}
const msText = (n) => (typeof n === 'number' ? (n < 10 ? n.toFixed(1) : String(Math.round(n))) + ' ms' : '—');
function span(ms) {
  const a = Math.abs(ms), d = Math.floor(a / DAY), rest = new Date(a % DAY).toISOString().slice(11, 19);
  return (ms < 0 ? '−' : '+') + (d ? d + ' 天 d ' : '') + rest;
}

// ---- sections: refresh, error state, expanded rows
async function refresh(name) {
  const sec = document.getElementById(name);
  if (!sec || state.loading[name]) return;
  state.loading[name] = true;
  sec.setAttribute('aria-busy', 'true');
  const err = $('.error', sec);
  try {
    await loaders[name](sec);
    err.hidden = true;
  } catch (e) {
    err.textContent = '加载失败 / failed to load: ' + (e && e.message ? e.message : e);
    err.hidden = false;
    const placeholder = $('.body .loading', sec); // never loaded: do not claim to be loading
    if (placeholder) placeholder.remove();
  } finally {
    state.loading[name] = false;
    sec.removeAttribute('aria-busy');
    updateAuto();
  }
}
// Replaces a section's body, keeping open whatever was open (matched by data-key).
function fill(sec, ...nodes) {
  const body = $('.body', sec);
  const open = new Set(Array.from(body.querySelectorAll('.open[data-key], details[open][data-key]'), (n) => n.dataset.key));
  body.replaceChildren(...nodes.flat(Infinity).filter((n) => n != null));
  for (const n of body.querySelectorAll('[data-key]')) if (open.has(n.dataset.key)) setOpen(n, true);
}
const hasOpen = (sec) => !!sec.querySelector('.body .open, .body details[open]');
function setOpen(row, open) {
  if (row.tagName === 'DETAILS') row.open = open;
  else {
    row.classList.toggle('open', open);
    row.setAttribute('aria-expanded', String(open));
    row.nextElementSibling.hidden = !open;
  }
  updateAuto();
}
// A table row that shows a detail row below it when clicked (or Enter/Space).
function expandable(key, cells, detail, colspan) {
  const row = el('tr', {
    class: 'row', tabindex: 0, 'data-key': key, 'aria-expanded': 'false',
    onclick: () => setOpen(row, !row.classList.contains('open')),
    onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); row.click(); } },
  }, cells);
  return [row, el('tr', { class: 'detail', hidden: true }, el('td', { colspan: colspan }, detail))];
}
// A result line; successes fade after 10 s (errors stay until the next result).
function note(node, ok, text) {
  node.textContent = text;
  node.className = ok ? 'note' : 'note bad';
  node.hidden = false;
  clearTimeout(node.hideTimer);
  if (ok) node.hideTimer = setTimeout(() => { node.hidden = true; }, 10000);
}
function updateAuto() {
  for (const name of AUTO) {
    const sec = document.getElementById(name);
    $('.auto', sec).textContent = hasOpen(sec) ? '‖ 已暂停：有展开的行 / paused while a row is open' : '每 5 秒自动刷新 / auto-refresh every 5 s';
  }
}

// ---- 数据 Collections
async function loadCollections(sec) {
  const list = await api('GET', '/_emulator/collections');
  state.collections = list;
  if (state.coll !== null && !list.some((c) => c.name === state.coll)) state.coll = null;
  const pick = (name) => { state.coll = name; state.offset = 0; refresh('collections'); };
  const nav = list.length
    ? el('ul', { class: 'colls', 'aria-label': '集合 collections' }, list.map((c) =>
        el('li', {}, el('button', { type: 'button', 'aria-pressed': String(c.name === state.coll), onclick: () => pick(c.name) },
          el('span', { class: 'name' }, c.name), el('span', { class: 'count', title: '文档数 documents' }, c.count)))))
    : empty('还没有集合 / no collections yet');
  const docs = state.coll === null ? el('p', { class: 'hint' }, '选择一个集合查看文档 / pick a collection to see its documents') : await docsView(state.coll);
  fill(sec, el('div', { class: 'split' }, el('div', {}, nav), el('div', { class: 'docs' }, docs)));
}
async function docsView(name) {
  const page = await api('GET', '/_emulator/collections/' + encodeURIComponent(name) + '?offset=' + state.offset + '&limit=' + PAGE);
  if (!page.docs.length && state.offset > 0) { // documents went away: show the last page instead
    state.offset = Math.floor(Math.max(page.total - 1, 0) / PAGE) * PAGE;
    return docsView(name);
  }
  const meta = state.collections.find((c) => c.name === name);
  const indexes = meta && meta.indexes.length ? meta.indexes.map((i) => JSON.stringify(i)).join('  ') : '只有 _id / _id only';
  const last = page.offset + page.docs.length;
  const go = (offset) => { state.offset = offset; refresh('collections'); };
  return [
    el('h3', {}, name, el('small', {}, '  共 ' + page.total + ' 条 / ' + page.total + ' documents')),
    el('p', { class: 'meta mono' }, '索引 indexes: ' + indexes),
    page.docs.length
      ? el('div', { class: 'doclist' }, page.docs.map((d, i) => {
          const one = JSON.stringify(d);
          return el('details', { class: 'doc', 'data-key': name + ':' + (d && d._id !== undefined ? JSON.stringify(d._id) : page.offset + i) },
            el('summary', { class: 'line', title: '点击展开 / click to expand' }, one.length > 400 ? one.slice(0, 400) + '…' : one),
            el('pre', {}, JSON.stringify(d, null, 2)));
        }))
      : empty('这个集合是空的 / this collection is empty'),
    page.total > PAGE ? el('div', { class: 'pager' },
      el('button', { type: 'button', disabled: page.offset <= 0, onclick: () => go(Math.max(0, page.offset - PAGE)) }, '‹ 上一页 prev'),
      el('span', {}, (page.offset + 1) + '–' + last + ' / ' + page.total),
      el('button', { type: 'button', disabled: last >= page.total, onclick: () => go(page.offset + PAGE) }, '下一页 next ›')) : null,
  ];
}

// ---- 文件 Files
const IMAGE = /^image\/(png|jpeg|gif|webp|bmp|avif|svg\+xml|x-icon)\b/;
const sizeText = (n) => n < 1024 ? n + ' B' : n < 1048576 ? (n / 1024).toFixed(1) + ' KB' : (n / 1048576).toFixed(1) + ' MB';
const contentUrl = (p) => '/_emulator/storage/content?path=' + encodeURIComponent(p);
const whoText = (u) => u ? [u.openid, u.source, u.function ? '函数 fn ' + u.function : null].filter(Boolean).join(' · ') : '—';
async function loadFiles(sec) {
  const [page, stats, reqs] = await Promise.all([
    api('GET', '/_emulator/storage/files?offset=' + state.fileOffset + '&limit=' + PAGE),
    api('GET', '/_emulator/stats'),
    api('GET', '/_emulator/requests?limit=1000'),
  ]);
  if (!page.files.length && state.fileOffset > 0) { // files went away: show the last page instead
    state.fileOffset = Math.floor(Math.max(page.total - 1, 0) / PAGE) * PAGE;
    return loadFiles(sec);
  }
  const s = stats.storage;
  const stat = (label, value) => el('div', {}, el('dt', {}, label), el('dd', {}, value));
  const go = (offset) => { state.fileOffset = offset; refresh('files'); };
  const last = page.offset + page.files.length;
  const rows = page.files.map((f) => expandable('file:' + f.path, [
    td(IMAGE.test(f.contentType) ? el('img', { class: 'thumb', src: contentUrl(f.path), alt: f.path, loading: 'lazy' }) : el('span', { class: 'noimg' }, '—')),
    el('td', { class: 'path mono', title: f.fileID }, f.path),
    td(sizeText(f.size), true, f.size + ' bytes'),
    td(f.contentType),
    td(when(f.uploadedAt)),
    td(whoText(f.uploader)),
  ], el('div', {},
    el('p', { class: 'meta mono' }, 'fileID ' + f.fileID),
    el('p', { class: 'meta' }, 'etag ' + f.etag + ' · ' + f.size + ' bytes · 北京时间 ' + cnTime(f.uploadedAt)),
    IMAGE.test(f.contentType) ? el('img', { class: 'preview', src: contentUrl(f.path), alt: f.path }) : null,
    el('pre', {}, JSON.stringify(f.uploader, null, 2))), 6));
  const recent = reqs.filter((r) => r.storage).reverse();
  fill(sec,
    el('dl', { class: 'totals' },
      stat('文件 files', page.total), stat('占用 stored', sizeText(page.bytes)),
      stat('存储请求 requests', s.requests), stat('上传 uploads', s.uploads), stat('下载 downloads', s.downloads),
      stat('流入 in', sizeText(s.bytesIn)), stat('流出 out', sizeText(s.bytesOut))),
    el('p', { class: 'meta mono' }, 'bucket ' + page.bucket + ' · 上限 max ' + sizeText(page.maxFileBytes) + ' per file'),
    el('h3', {}, '文件 Files ', el('small', {}, '(' + page.total + ', 最新在前 newest first)')),
    page.files.length
      ? table([th('预览 Preview'), th('路径 Path'), th('大小 Size', true), th('类型 Type'), th('上传 Uploaded'), th('上传者 By')], rows)
      : empty('还没有文件 / no files yet'),
    page.total > PAGE ? el('div', { class: 'pager' },
      el('button', { type: 'button', disabled: page.offset <= 0, onclick: () => go(Math.max(0, page.offset - PAGE)) }, '‹ 上一页 prev'),
      el('span', {}, (page.offset + 1) + '–' + last + ' / ' + page.total),
      el('button', { type: 'button', disabled: last >= page.total, onclick: () => go(page.offset + PAGE) }, '下一页 next ›')) : null,
    el('h3', {}, '最近的存储请求 Recent storage requests ', el('small', {}, '(' + recent.length + ', 最新在前 newest first)')),
    recent.length
      ? table([th('时间 Time'), th('操作 Action'), th('文件与结果 Files → code'), th('字节 Bytes', true), th('状态 Status'), th('来自 From'), th('耗时 ms', true)],
          recent.map((r) => el('tr', {},
            td(when(r.at)),
            td(r.action),
            td(r.storage.files && r.storage.files.length
              ? el('ul', { class: 'codes' }, r.storage.files.map((f) => el('li', {}, (f.path || f.fileID || '') + ' → ',
                  f.code === 'SUCCESS' ? el('span', { class: 'ok' }, f.code) : el('span', { class: 'bad' }, f.code))))
              : (r.error ? el('span', { class: 'bad' }, r.error) : '—')),
            td(r.storage.bytesIn ? '↑ ' + sizeText(r.storage.bytesIn) : r.storage.bytesOut ? '↓ ' + sizeText(r.storage.bytesOut) : '—', true),
            td(r.storage.status ? String(r.storage.status) : (r.error ? el('span', { class: 'bad' }, r.error) : 'ok')),
            td(r.from ? r.from.split(':')[0] : '—', false, r.from),
            td(msText(r.ms), true))))
      : empty('还没有存储请求 / no storage requests yet'));
}

// ---- 函数调用 Calls
async function loadCalls(sec) {
  const [fns, calls, faults] = await Promise.all([api('GET', '/_emulator/functions'), api('GET', '/_emulator/functions/calls?limit=100'), api('GET', '/_emulator/faults')]);
  const faultText = (f) => f.function + ' · ' + (f.afterDbWrites ? '第 ' + f.afterDbWrites + ' 次写 write' : '第 ' + f.afterDbRequests + ' 次' + (f.action ? ' ' + f.action : '') + ' 请求 request')
    + (f.applied ? ' 之后 after (applied)' : ' 之前 before (not applied)') + (f.once ? '' : ' · 每次 every call') + (f.fired ? ' · 已触发 fired ' + f.fired : '');
  const armed = faults.armed.length
    ? [el('h3', {}, '故障注入 Armed faults ', el('button', { type: 'button', class: 'danger', onclick: async () => { await api('DELETE', '/_emulator/faults'); refresh('calls'); } }, '全部解除 disarm all')),
       el('ul', { class: 'chips' }, faults.armed.map((f) => el('li', { class: 'chip bad fault' }, faultText(f))))]
    : null;
  const fnList = fns.length
    ? el('ul', { class: 'chips' }, fns.map((f) => el('li', {
        class: f.error ? 'chip bad' : 'chip',
        title: f.error || ('超时 timeout ' + f.timeout + ' s' + (f.triggers.length ? ' · 触发器 triggers ' + f.triggers.map((t) => t.name).join(', ') : '') + (f.openapi.length ? ' · openapi ' + f.openapi.join(', ') : '')),
      }, f.name, el('small', {}, f.error ? ' · 配置错误 config error' : ' · ' + f.instances + ' 实例 inst'))))
    : empty('没有函数（用 --functions 启动）/ no functions loaded (start with --functions)');
  const rows = calls.slice().reverse().map((c) => expandable(c.requestId, [
    td(when(c.at)),
    td(c.functionName),
    td(c.ok ? okMark() : badMark(c.error ? c.error.code : 'error', c.error && c.error.message)),
    td(msText(c.durationMs), true),
    td(c.coldStartMs ? msText(c.coldStartMs) : '—', true),
    td(c.db ? c.db.roundTrips : '—', true, c.db ? '扫描 examined ' + c.db.docsExamined + ' · 返回 returned ' + c.db.docsReturned : null),
    td(c.source + (c.openid ? ' · ' + c.openid : '')),
  ], callDetail(c), 7));
  fill(sec,
    el('h3', {}, '函数 Functions'), fnList, armed,
    el('h3', {}, '最近调用 Recent calls ', el('small', {}, '(' + calls.length + ', 最新在前 newest first, 点击看日志 click for logs)')),
    calls.length
      ? table([th('时间 Time'), th('函数 Function'), th('结果 Result'), th('耗时 Duration', true), th('冷启动 Cold start', true), th('DB 往返 Round trips', true), th('来源 Source')], rows)
      : empty('还没有调用 / no calls yet'));
}
function callDetail(c) {
  return el('div', {},
    c.error ? el('p', { class: 'bad' }, c.error.code + ': ' + c.error.message) : null,
    c.fault ? el('p', { class: 'bad' }, '故障注入 fault: ' + c.fault) : null,
    el('p', { class: 'meta' }, 'requestId ' + c.requestId + ' · 北京时间 ' + cnTime(c.at) + ' · UTC ' + utcTime(c.at)
      + (c.db ? ' · DB 扫描 examined ' + c.db.docsExamined + ' / 返回 returned ' + c.db.docsReturned : '')
      + (c.storage && c.storage.requests ? ' · 存储 storage ' + c.storage.requests + ' 请求 requests, ↑ ' + sizeText(c.storage.bytesIn) : '')),
    el('h4', {}, '日志 Logs'),
    c.logs && c.logs.length
      ? el('pre', { class: 'logs' }, c.logs.map((line) => el('span', { class: /^error:/.test(line) ? 'bad' : null }, line)))
      : el('p', { class: 'meta' }, '没有日志 / no logs'),
    c.result !== undefined ? [el('h4', {}, '返回值 Result'), el('pre', {}, JSON.stringify(c.result, null, 2))] : null);
}

// ---- 定时触发器 Triggers
async function loadTriggers(sec) {
  const data = await api('GET', '/_emulator/triggers');
  const list = data.triggers.length
    ? table([th('函数 Function'), th('触发器 Trigger'), th('cron'), th('下次触发 Next (北京时间)'), th('')],
        data.triggers.map((t) => el('tr', {}, td(t.functionName), td(t.name), td(el('code', {}, t.cron)), td(when(t.next, true)),
          td(el('button', { type: 'button', class: 'run', onclick: (e) => runNow(t, e.currentTarget) }, '▶ 立即运行 run now')))))
    : empty('没有定时触发器 / no timer triggers (config.json "triggers")');
  const history = data.history.slice().reverse();
  fill(sec,
    el('h3', {}, '触发器 Triggers'), list,
    el('h3', {}, '触发历史 History ', el('small', {}, '(' + history.length + ', 最新在前 newest first)')),
    history.length
      ? table([th('时间 At'), th('函数 / 触发器'), th('事件 Time (UTC)'), th('方式 Kind'), th('尝试 Attempts', true), th('结果 Result'), th('合并 Skipped', true)],
          history.map((r) => el('tr', {}, td(when(r.at)), td(r.functionName + ' / ' + r.trigger), td(el('code', {}, r.time)),
            td(r.manual ? '手动 manual' : '定时 scheduled'), td(r.attempts, true), td(r.ok ? okMark() : badMark(r.error || 'failed')), td(r.skipped || '—', true))))
      : empty('还没有触发记录 / nothing fired yet'));
}
async function runNow(t, button) {
  const out = $('#runresult');
  const label = button.textContent;
  button.disabled = true;
  button.textContent = '运行中… running';
  try {
    const r = await api('POST', '/_emulator/triggers/run', { function: t.functionName, trigger: t.name });
    note(out, r.ok, t.functionName + ' / ' + t.name + ' → ' + (r.ok ? '✓ 成功 ok' : '✗ 失败 failed: ' + r.error)
      + ' · Time ' + r.time + ' · ' + r.attempts + ' 次尝试 attempt(s)');
  } catch (e) {
    note(out, false, e.message);
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
  refresh('triggers');
}

// ---- 消息 Outbox
async function loadOutbox(sec) {
  const msgs = await api('GET', '/_emulator/outbox');
  fill(sec, msgs.length
    ? el('ul', { class: 'cards' }, msgs.slice().reverse().map((m) => el('li', { class: 'card' },
        el('div', {}, m.title ? el('b', {}, m.title + ' ') : '', el('span', { class: 'mono' }, m.template_id), ' → ', el('span', { class: 'mono' }, m.touser)),
        el('dl', {}, Object.entries(m.data || {}).map(([k, v]) =>
          [el('dt', {}, (m.labels && m.labels[k]) || k), el('dd', {}, v && typeof v === 'object' && 'value' in v ? String(v.value) : JSON.stringify(v))])),
        m.page ? el('p', { class: 'meta' }, '点开进入 tap opens ' + m.page) : '',
        el('p', { class: 'meta' }, when(m.at, true),
          m.page ? ' · 页面 page ' + m.page : '', m.functionName ? ' · 来自 from ' + m.functionName : '', ' · #' + m.id),
        el('details', { 'data-key': 'msg:' + m.id }, el('summary', {}, '原始 JSON / raw'), el('pre', {}, JSON.stringify(m, null, 2))))))
    : empty('还没有消息 / no messages yet'));
}
async function clearOutbox() {
  try {
    const r = await api('DELETE', '/_emulator/outbox');
    note($('#outboxmsg'), true, '已清空 ' + r.cleared + ' 条 / cleared ' + r.cleared);
  } catch (e) {
    note($('#outboxmsg'), false, e.message);
  }
  refresh('outbox');
}

// ---- 请求 Requests
async function loadRequests(sec) {
  const [totals, reqs] = await Promise.all([api('GET', '/_emulator/stats'), api('GET', '/_emulator/requests?limit=100')]);
  const stat = (label, value) => el('div', {}, el('dt', {}, label), el('dd', {}, value));
  fill(sec,
    el('dl', { class: 'totals' }, stat('请求 requests', totals.requests), stat('DB 往返 round trips', totals.dbRoundTrips),
      stat('扫描 docs examined', totals.docsExamined), stat('返回 docs returned', totals.docsReturned),
      stat('存储请求 storage requests', totals.storage ? totals.storage.requests : 0)),
    el('h3', {}, '最近请求 Recent requests ', el('small', {}, '(' + reqs.length + ', 最新在前 newest first)')),
    reqs.length
      ? table([th('操作 Action'), th('集合 Collection'), th('来自 From'), th('耗时 ms', true), th('扫描 Examined', true), th('返回 Returned', true), th('计划 Plan'), th('错误 Error')],
          reqs.slice().reverse().map((r) => el('tr', {}, td(r.action), td(r.collection || '—'),
            td(r.from ? r.from.split(':')[0] : '—', false, r.from), td(msText(r.ms), true), td(r.docsExamined, true), td(r.docsReturned, true),
            td(r.plan ? el('code', { class: /^SCAN/.test(r.plan) ? 'warn' : null }, r.plan) : '—'),
            td(r.error ? el('span', { class: 'bad' }, r.error) : ''))))
      : empty('还没有请求 / no requests yet'));
}
async function resetStats() {
  try { await api('POST', '/_emulator/stats/reset'); } catch (e) { alertIn('requests', e); }
  refresh('requests');
}
function alertIn(name, e) {
  const err = $('.error', document.getElementById(name));
  err.textContent = e.message;
  err.hidden = false;
}

// ---- the clock in the header
function setClock(c) {
  state.clock = { now: Date.parse(c.now), frozen: c.frozen, offsetMs: c.offsetMs, at: Date.now() };
  renderClock();
}
const clockNow = () => (state.clock.frozen ? state.clock.now : state.clock.now + (Date.now() - state.clock.at));
function renderClock() {
  if (!state.clock) return;
  const now = clockNow();
  $('#cn').textContent = cnTime(now) + ' ' + weekday(now);
  $('#cn').setAttribute('datetime', new Date(now).toISOString());
  $('#utc').textContent = utcTime(now);
  const badge = $('#state');
  badge.textContent = state.clock.frozen ? '‖ 已冻结 frozen' : '▶ 走时 running';
  badge.className = state.clock.frozen ? 'badge frozen' : 'badge';
  $('#offset').textContent = Math.abs(state.clock.offsetMs) < 1000 ? '= 真实时间 real time' : '偏移 offset ' + span(state.clock.offsetMs);
  $('#freeze').textContent = state.clock.frozen ? '▶ 解冻 unfreeze' : '‖ 冻结 freeze';
}
function fillClockInput() {
  const input = $('#clockinput');
  if (state.clock && document.activeElement !== input) input.value = cnTime(clockNow()).replace(' ', 'T');
}
async function loadClock() {
  try {
    setClock(await api('GET', '/_emulator/clock'));
    if ($('#clockmsg').dataset.failed) $('#clockmsg').hidden = true;
    delete $('#clockmsg').dataset.failed;
  } catch (e) {
    note($('#clockmsg'), false, '时钟不可用 / clock unavailable: ' + e.message);
    $('#clockmsg').dataset.failed = '1';
  }
}
async function moveClock(body) {
  const msg = $('#clockmsg');
  try {
    const r = await api('POST', '/_emulator/clock', body);
    setClock(r);
    fillClockInput();
    const fired = r.fired || [];
    note(msg, fired.every((f) => f.ok), fired.length
      ? '触发了 fired ' + fired.length + ': ' + fired.map((f) => f.functionName + '/' + f.trigger + (f.ok ? ' ✓' : ' ✗ ' + f.error)).join(', ')
      : '时间已更新，没有到期的触发器 / clock updated, no trigger was due');
  } catch (e) {
    note(msg, false, e.message);
  }
  refresh(state.tab);
}

// ---- wiring
function show(tab) {
  if (!loaders[tab]) tab = 'collections';
  state.tab = tab;
  for (const name of Object.keys(loaders)) {
    document.getElementById(name).hidden = name !== tab;
    $('#tab-' + name).setAttribute('aria-selected', String(name === tab));
  }
  if (location.hash.slice(1) !== tab) history.replaceState(null, '', '#' + tab);
  refresh(tab);
}
document.addEventListener('click', (e) => {
  const target = e.target instanceof Element ? e.target.closest('[data-tab], [data-refresh], [data-advance]') : null;
  if (!target) return;
  if (target.dataset.tab) show(target.dataset.tab);
  else if (target.dataset.refresh) refresh(target.dataset.refresh);
  else moveClock({ advance: Number(target.dataset.advance) });
});
document.addEventListener('toggle', updateAuto, true); // <details> opened or closed
window.addEventListener('hashchange', () => show(location.hash.slice(1)));
$('#freeze').addEventListener('click', () => moveClock({ freeze: !(state.clock && state.clock.frozen) }));
$('#clearoutbox').addEventListener('click', clearOutbox);
$('#resetstats').addEventListener('click', resetStats);
$('#setclock').addEventListener('submit', (e) => {
  e.preventDefault();
  const v = $('#clockinput').value; // China time, YYYY-MM-DDTHH:mm[:ss]
  const ms = Date.parse(v + (v.length === 16 ? ':00' : '') + '+08:00');
  if (isNaN(ms)) return note($('#clockmsg'), false, '请输入有效时间 / enter a valid time');
  moveClock({ set: new Date(ms).toISOString() });
});
setInterval(renderClock, 1000);
setInterval(() => {
  if (document.hidden) return;
  loadClock();
  const sec = document.getElementById(state.tab);
  if (AUTO.includes(state.tab) && !hasOpen(sec)) refresh(state.tab);
}, 5000);
loadClock().then(fillClockInput);
show(location.hash.slice(1));
`;

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; connect-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'">
<title>CloudBase emulator console</title>
<link rel="icon" href="data:,">
<style>${CSS}</style>
</head>
<body>
<header>
  <h1>CloudBase emulator console <small>云开发本地模拟器控制台</small></h1>
  <div class="clock" aria-label="模拟器时间 emulator clock">
    <div class="times">
      <span><b>北京时间 UTC+8</b><time id="cn">…</time></span>
      <span><b>UTC</b><time id="utc" class="mono">…</time></span>
      <span id="state" class="badge"></span>
      <span id="offset" class="muted"></span>
    </div>
    <div class="controls">
      <button type="button" data-advance="3600000">+1 小时 h</button>
      <button type="button" data-advance="86400000">+1 天 day</button>
      <button type="button" id="freeze">冻结 freeze</button>
      <form id="setclock">
        <label for="clockinput" class="muted">北京时间</label>
        <input type="datetime-local" id="clockinput" step="1" title="设置北京时间 set China time (UTC+8)">
        <button type="submit">设置 set</button>
      </form>
    </div>
    <p class="note" id="clockmsg" role="status" hidden></p>
  </div>
</header>
<nav role="tablist" aria-label="sections">${tabs}</nav>
<main>
${sections}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;

export function consolePage(): string {
  return PAGE;
}
