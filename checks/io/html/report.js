(function() {
  var d = document;
  d.documentElement.className += ' js';
  var bar = d.getElementById('filters');
  var purpose = d.getElementById('purpose'), file = d.getElementById('file');
  var shown = d.getElementById('shown'), none = d.getElementById('empty-filter');
  var sections = Array.prototype.slice.call(d.querySelectorAll('section.finding'));
  if (bar && sections.length) bar.hidden = false;
  function apply() {
    var n = 0;
    sections.forEach(function(s) {
      var p = JSON.parse(s.dataset.purposes), f = JSON.parse(s.dataset.files);
      s.hidden = !!((purpose.value && p.indexOf(purpose.value) < 0) ||
                    (file.value && f.indexOf(file.value) < 0));
      if (!s.hidden) n++;
    });
    d.querySelectorAll('.group').forEach(function(g) {
      var all = g.querySelectorAll('section.finding'), v = 0;
      all.forEach(function(s) { if (!s.hidden) v++; });
      g.hidden = v === 0;
      g.querySelector('.count').textContent =
          v === all.length ? String(v) : v + ' of ' + all.length;
    });
    var t = sections.length;
    shown.textContent = n === t ? 'Showing all ' + t + (t === 1 ? ' finding' : ' findings')
                                : 'Showing ' + n + ' of ' + t + (t === 1 ? ' finding' : ' findings');
    none.hidden = n !== 0;
  }
  purpose.addEventListener('change', apply);
  file.addEventListener('change', apply);
  d.getElementById('reset').addEventListener('click', function() {
    purpose.value = ''; file.value = ''; apply();
  });
  d.querySelectorAll('tr[data-purpose]').forEach(function(r) {
    r.addEventListener('click', function() {
      purpose.value = r.dataset.purpose; apply();
      bar.scrollIntoView({block: 'start'});
    });
  });
  var closed = [];
  window.addEventListener('beforeprint', function() {
    closed = Array.prototype.filter.call(d.querySelectorAll('details'),
                                         function(e) { return !e.open; });
    closed.forEach(function(e) { e.open = true; });
  });
  window.addEventListener('afterprint', function() {
    closed.forEach(function(e) { e.open = false; });
  });
  apply();
})();
