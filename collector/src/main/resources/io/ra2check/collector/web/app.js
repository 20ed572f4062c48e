'use strict';
// ra2check collector page: the node x requirement matrix and a node's detail, from the collector's read API.
// Everything shown comes from agents' reports: it is only ever put in the page as text (textContent), never as HTML.
(function () {
  const MAX_ROWS = 1000;
  const LETTER = { PASS: 'P', FAIL: 'F', WARN: 'W', UNKNOWN: '?', MANUAL: 'M', SKIP: '-' };
  let data = null;

  const $ = (id) => document.getElementById(id);
  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    if (attrs) { for (const [k, v] of Object.entries(attrs)) { if (v !== undefined && v !== null) e.setAttribute(k, v); } }
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function showError(msg) { const e = $('error'); e.textContent = msg; e.hidden = !msg; }

  // the read API wants a bearer token (TokenReview + SubjectAccessReview); the page keeps it for this tab only
  const TOKEN_KEY = 'ra2check-token';
  async function getJson(url) {
    const headers = { Accept: 'application/json' };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = 'Bearer ' + token;
    const r = await fetch(url, { headers, cache: 'no-store' });
    const body = await r.json().catch(() => null);
    if (r.status === 401 || r.status === 403) $('auth').hidden = false;
    if (!r.ok) throw new Error((body && body.error) || ('HTTP ' + r.status));
    return body;
  }

  function shortId(id) { return id.startsWith('ra2.') ? id.substring(4) : id; }

  function matches(n) {
    const status = $('status-filter').value;
    const profile = $('profile-filter').value;
    const name = $('name-filter').value.trim().toLowerCase();
    if (name && !n.name.toLowerCase().includes(name)) return false;
    if (status === 'none') { if (n.reported) return false; }
    else if (status && (!n.reported || n.status !== status)) return false;
    if (profile) {
      const c = n.compliance || {};
      if (profile === 'basic' || profile === 'network-intensive') { if (c[profile] !== 'MEETS') return false; }
      else if (profile === 'neither') { if (c.basic === 'MEETS' || c['network-intensive'] === 'MEETS') return false; }
      else if (profile.startsWith('checked:')) { if (n.profile !== profile.substring(8)) return false; }
    }
    return true;
  }

  function complianceCell(c) {
    const td = el('td', { class: c === 'MEETS' ? 'meets' : c === 'DOES_NOT_MEET' ? 'not-meets' : 'undetermined' },
      c === 'MEETS' ? 'meets' : c === 'DOES_NOT_MEET' ? 'no' : c ? 'undetermined' : '');
    return td;
  }

  // the per-node requirements are the matrix's columns; the rest of the chapter is listed with who decides it
  function renderCoverage() {
    const all = data.requirements;
    const others = all.filter((r) => !r.scope);
    const by = {};
    all.forEach((r) => { by[r.disposition] = (by[r.disposition] || 0) + 1; });
    $('coverage-summary').textContent = all.length + ' requirements of RA2 chapter 4: '
      + Object.entries(by).map(([d, n]) => n + ' ' + d).join(', ') + '. ' + (all.length - others.length)
      + ' are judged per node (the matrix); the ' + others.length + ' below are not judged per node.';
    const tbody = $('coverage').tBodies[0];
    tbody.textContent = '';
    const judged = {};
    ((data.cluster && data.cluster.verdicts) || []).forEach((v) => { judged[v.id] = v; });
    others.forEach((r) => {
      const v = judged[r.id];
      const tr = el('tr', { 'data-req': r.id, 'data-disposition': r.disposition,
        'data-status': v ? v.status.basic : 'none' });
      tr.appendChild(el('td', null, r.id + ' ' + r.title));
      tr.appendChild(el('td', null, r.disposition));
      tr.appendChild(el('td', { class: 'cell s-' + (v ? v.status.basic : 'none') },
        v ? v.status.basic + (v.status['network-intensive'] !== v.status.basic
          ? ' (network-intensive: ' + v.status['network-intensive'] + ')' : '') : ''));
      tr.appendChild(el('td', null, v ? (v.actual + (v.reason ? ' - ' + v.reason : '')) : r.how));
      tbody.appendChild(tr);
    });
  }

  function renderMatrix() {
    const reqs = data.requirements.filter((r) => r.scope);
    const thead = $('matrix').tHead;
    thead.textContent = '';
    const hr = el('tr');
    ['Node', 'Status', 'Profile', 'Basic', 'Network-intensive'].forEach((h) => hr.appendChild(el('th', null, h)));
    reqs.forEach((r) => hr.appendChild(el('th', { class: 'req', title: r.id + ' ' + r.title, 'data-req': r.id }, shortId(r.id))));
    thead.appendChild(hr);

    const tbody = $('matrix').tBodies[0];
    tbody.textContent = '';
    const shown = data.nodes.filter(matches);
    shown.slice(0, MAX_ROWS).forEach((n) => {
      const tr = el('tr', { 'data-node': n.name, 'data-status': n.reported ? n.status : 'none' });
      const name = el('td', { class: 'name' });
      const a = el('a', { href: '#node=' + encodeURIComponent(n.name) }, n.name);
      name.appendChild(a);
      tr.appendChild(name);
      tr.appendChild(el('td', { class: 'cell s-' + (n.reported ? n.status : 'none') }, n.reported ? n.status : 'no report'));
      tr.appendChild(el('td', null, n.profile || ''));
      const c = n.compliance || {};
      tr.appendChild(complianceCell(c.basic));
      tr.appendChild(complianceCell(c['network-intensive']));
      reqs.forEach((r) => {
        const s = n.statuses ? n.statuses[r.id] : undefined;
        tr.appendChild(el('td', { class: 'cell s-' + (s || 'none'), 'data-req': r.id, 'data-status': s || 'none',
          title: r.id + ': ' + (s || 'not reported') }, s ? LETTER[s] : ''));
      });
      tbody.appendChild(tr);
    });
    $('shown-count').textContent = 'showing ' + Math.min(shown.length, MAX_ROWS) + ' of ' + data.nodes.length + ' nodes';
    $('list-note').textContent = shown.length > MAX_ROWS
      ? (shown.length - MAX_ROWS) + ' more nodes match: narrow the filters to see them.' : '';
  }

  // a replica that has not listed the nodes (or lost its watch) says why, instead of showing an empty or old matrix
  function renderReadiness() {
    const reasons = data.notReady || [];
    const p = $('not-ready');
    p.hidden = reasons.length === 0;
    p.textContent = reasons.length === 0 ? '' : 'Not ready: ' + reasons.join('; ')
      + (data.nodes.length === 0 ? '. No nodes to show yet.' : '. What is shown may be incomplete or out of date.');
  }

  function renderTotals() {
    const t = $('totals');
    t.textContent = '';
    const by = {};
    data.nodes.forEach((n) => { const s = n.reported ? n.status : 'none'; by[s] = (by[s] || 0) + 1; });
    t.appendChild(el('span', null, data.nodes.length + ' nodes'));
    ['FAIL', 'UNKNOWN', 'WARN', 'PASS', 'none'].forEach((s) => {
      if (by[s]) t.appendChild(el('span', { class: 'badge s-' + s }, (s === 'none' ? 'not reported' : s) + ': ' + by[s]));
    });
  }

  // the workload rules on the selected namespaces' live objects: problems first, then what needs a person, then
  // the rest, so that a namespace's failures are not lost among 26 rows of passes
  const ORDER = { FAIL: 0, WARN: 1, UNKNOWN: 2, MANUAL: 3, PASS: 4, SKIP: 5 };
  function renderWorkloads(w) {
    const tbody = $('workloads').tBodies[0];
    tbody.textContent = '';
    const namespaces = (w && w.namespaces) || [];
    if (namespaces.length === 0) {
      $('workloads-summary').textContent = 'No workload namespace is selected: the collector judges the live '
        + 'workloads of the namespaces it is given (--workload-namespaces, chart value collector.workloadNamespaces).';
      return;
    }
    $('workloads-summary').textContent = namespaces.map((n) => n.namespace + ': ' + n.objects
      + (n.objects === 1 ? ' object, ' : ' objects, ')
      + n.verdicts.filter((v) => v.status === 'FAIL').length + ' rules failing').join('; ')
      + (w.readAt ? ' (read ' + w.readAt + ')' : '') + '.';
    namespaces.forEach((n) => {
      const rows = n.verdicts.slice().sort((a, b) => (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9)
        || a.id.localeCompare(b.id));
      rows.forEach((v) => {
        const tr = el('tr', { 'data-namespace': n.namespace, 'data-rule': v.id, 'data-status': v.status });
        tr.appendChild(el('td', null, n.namespace));
        tr.appendChild(el('td', { title: v.title }, v.id + ' ' + v.title));
        tr.appendChild(el('td', { class: 'cell s-' + v.status }, v.status));
        const p = (n.problems || {})[v.id];
        const found = el('td');
        if (p && p.objects.length) {
          const ul = el('ul', { class: 'objects' });
          p.objects.forEach((o) => ul.appendChild(el('li', null, o)));
          found.appendChild(ul);
          if (p.count > p.objects.length) found.appendChild(el('span', null, 'and ' + (p.count - p.objects.length) + ' more'));
        } else {
          found.textContent = v.actual + (v.reason ? ' - ' + v.reason : '');
        }
        tr.appendChild(found);
        tbody.appendChild(tr);
      });
    });
  }

  async function loadList() {
    try {
      data = await getJson('api/v1/nodes');
      showError('');
      renderReadiness();
      renderTotals();
      renderMatrix();
      renderCoverage();
    } catch (e) {
      showError('Cannot load the nodes: ' + e.message);
      return;
    }
    try {
      renderWorkloads(await getJson('api/v1/workloads'));
    } catch (e) {
      $('workloads-summary').textContent = 'Cannot load the workload verdicts: ' + e.message;
    }
  }

  function dd(dl, term, value) { dl.appendChild(el('dt', null, term)); dl.appendChild(el('dd', null, value)); }

  async function showNode(name) {
    $('list-view').hidden = true;
    $('detail').hidden = false;
    $('detail-title').textContent = name;
    const dl = $('detail-summary');
    dl.textContent = '';
    const tbody = $('detail-verdicts').tBodies[0];
    tbody.textContent = '';
    $('detail-note').textContent = 'loading...';
    let d;
    try {
      d = await getJson('api/v1/nodes/' + encodeURIComponent(name));
    } catch (e) {
      $('detail-note').textContent = '';
      showError('Cannot load node ' + name + ': ' + e.message);
      return;
    }
    showError('');
    const s = d.summary;
    dd(dl, 'Pool', s.pool);
    if (s.reported) {
      dd(dl, 'Status', s.status);
      dd(dl, 'Checked for profile', s.profile);
      dd(dl, 'Basic', s.compliance.basic);
      dd(dl, 'Network-intensive', s.compliance['network-intensive']);
      dd(dl, 'Reported at', s.reportedAt);
      dd(dl, 'Counts', Object.entries(s.counts).map(([k, v]) => k + ' ' + v).join(', '));
    }
    dd(dl, 'Labels', Object.entries(s.labels).map(([k, v]) => k + '=' + v).join(', ') || 'none');
    $('detail-note').textContent = d.reportNote || (s.problem || '');
    if (d.report) {
      d.report.verdicts.forEach((v) => {
        const tr = el('tr', { 'data-req': v.id, 'data-status': v.status });
        const id = el('td');
        id.appendChild(el('strong', null, v.id));
        id.appendChild(el('div', null, v.title));
        id.appendChild(el('div', { class: 'note' }, 'judged by ' + v.judgedBy));
        tr.appendChild(id);
        const st = el('td');
        st.appendChild(el('span', { class: 'badge s-' + v.status }, v.status));
        if (v.reason) st.appendChild(el('div', { class: 'note' }, v.reason));
        tr.appendChild(st);
        tr.appendChild(el('td', null, v.expected));
        tr.appendChild(el('td', null, v.actual));
        const ev = el('td');
        if (v.evidence && v.evidence.length) {
          const ul = el('ul');
          v.evidence.forEach((e) => { const li = el('li'); li.appendChild(el('code', null, e.source)); li.appendChild(document.createTextNode(': ' + e.value)); ul.appendChild(li); });
          ev.appendChild(ul);
        }
        tr.appendChild(ev);
        tr.appendChild(el('td', null, v.remediation || ''));
        tbody.appendChild(tr);
      });
    } else if (s.reported) {
      Object.entries(s.statuses).forEach(([id, status]) => {
        const tr = el('tr', { 'data-req': id, 'data-status': status });
        tr.appendChild(el('td', null, id));
        const st = el('td');
        st.appendChild(el('span', { class: 'badge s-' + status }, status));
        tr.appendChild(st);
        for (let i = 0; i < 4; i++) tr.appendChild(el('td'));
        tbody.appendChild(tr);
      });
    }
  }

  function route() {
    const m = /^#node=(.+)$/.exec(location.hash);
    if (m) {
      showNode(decodeURIComponent(m[1]));
    } else {
      $('detail').hidden = true;
      $('list-view').hidden = false;
      if (!data) loadList(); else renderMatrix();
    }
  }

  ['status-filter', 'profile-filter'].forEach((id) => $(id).addEventListener('change', renderMatrix));
  $('name-filter').addEventListener('input', renderMatrix);
  $('refresh').addEventListener('click', loadList);
  $('auth').addEventListener('submit', (e) => {
    e.preventDefault();
    const t = $('token').value.trim();
    if (t) sessionStorage.setItem(TOKEN_KEY, t); else sessionStorage.removeItem(TOKEN_KEY);
    $('token').value = '';
    $('auth').hidden = true;
    loadList();
  });
  $('back').addEventListener('click', (e) => { e.preventDefault(); location.hash = ''; });
  window.addEventListener('hashchange', route);
  setInterval(() => { if (!$('list-view').hidden) loadList(); }, 30000);
  loadList().then(() => { if (location.hash) route(); });
})();
