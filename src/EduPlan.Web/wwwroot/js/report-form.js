// Quarterly report form: character counters under the texts, the drop explanation shown when the percent falls
// below the last approved one, 已完成 filling in 100 %, a file too large stopped before it is sent (so the page
// and everything typed stay), a whole form over the request limit stopped before it is sent, one submission per click, and a warning before leaving with unsaved changes.
// The server checks every rule again; this only saves round trips.
(function () {
  'use strict';

  document.querySelectorAll('form.report-form').forEach(function (form) {
    var dirty = false;
    var submitting = false;

    // Counters: the browser counts a line end as one character, as the server does.
    form.querySelectorAll('textarea[data-counter]').forEach(function (area) {
      var counter = form.querySelector('[data-counter-for="' + area.name + '"]');
      if (!counter) {
        return;
      }

      var count = counter.querySelector('[data-count]');
      var max = parseInt(area.getAttribute('maxlength'), 10) || 4000;
      function update() {
        var length = area.value.trim().length;
        count.textContent = String(length);
        counter.classList.toggle('near-limit', length >= max * 0.9 && length < max);
        counter.classList.toggle('at-limit', length >= max);
      }

      area.addEventListener('input', update);
      update();
    });

    var percent = form.querySelector('#Percent');
    var meter = form.querySelector('.percent-meter');
    var drop = form.querySelector('[data-drop-explanation]');
    var dropText = drop ? drop.querySelector('textarea') : null;

    function syncPercent() {
      if (!percent) {
        return;
      }

      var value = parseInt(percent.value, 10);
      if (meter) {
        meter.value = isNaN(value) ? 0 : Math.max(0, Math.min(100, value));
      }

      if (drop) {
        var last = parseInt(percent.getAttribute('data-last-approved'), 10);
        var falls = !isNaN(last) && !isNaN(value) && value < last;
        // Never hide an explanation already written: it would still be posted, unseen.
        drop.hidden = !falls && !(dropText && dropText.value.trim().length > 0) && !drop.querySelector('.is-invalid');
      }
    }

    if (percent) {
      percent.addEventListener('input', syncPercent);
      syncPercent();
    }

    // 已完成 means 100 %: fill it in rather than let the server refuse the mismatch.
    form.querySelectorAll('input[name="Status"]').forEach(function (radio) {
      radio.addEventListener('change', function () {
        if (radio.checked && radio.value === 'Completed' && percent && percent.value !== '100') {
          percent.value = '100';
          syncPercent();
        }
      });
    });

    var file = form.querySelector('input[type="file"][data-max-bytes]');
    if (file) {
      var slot = form.querySelector('[data-valmsg-for="EvidenceFile"]');
      file.addEventListener('change', function () {
        var max = parseInt(file.getAttribute('data-max-bytes'), 10);
        var chosen = file.files && file.files[0];
        var tooLarge = chosen && !isNaN(max) && chosen.size > max;
        if (tooLarge) {
          file.value = '';
        }

        file.classList.toggle('is-invalid', !!tooLarge);
        if (slot) {
          slot.textContent = tooLarge ? file.getAttribute('data-too-large') : '';
          slot.classList.toggle('field-validation-error', !!tooLarge);
          slot.classList.toggle('field-validation-valid', !tooLarge);
        }
      });
    }

    form.addEventListener('input', function () {
      dirty = true;
    });
    form.addEventListener('change', function () {
      dirty = true;
    });

    // What the form would send, counted the way the server's limit counts it (bytes), with room for the multipart
    // framing: over the limit, the server could only answer 413 and the typed text would be behind a Back button.
    function requestBytes() {
      var total = 8192;
      Array.prototype.forEach.call(form.elements, function (element) {
        if (!element.name) {
          return;
        }

        if (element.type === 'file') {
          Array.prototype.forEach.call(element.files || [], function (chosen) {
            total += chosen.size + 512;
          });
        } else if (typeof element.value === 'string') {
          total += new Blob([element.value]).size + element.name.length + 128;
        }
      });
      return total;
    }

    form.addEventListener('submit', function (event) {
      if (submitting) {
        event.preventDefault();
        return;
      }

      var requestLimit = parseInt(form.getAttribute('data-max-request-bytes'), 10);
      if (!isNaN(requestLimit) && requestBytes() > requestLimit) {
        event.preventDefault();
        var warning = form.querySelector('[data-valmsg-for="EvidenceFile"]');
        if (warning) {
          warning.textContent = form.getAttribute('data-request-too-large');
          warning.classList.add('field-validation-error');
          warning.classList.remove('field-validation-valid');
          warning.setAttribute('role', 'alert');
          if (file) {
            file.classList.add('is-invalid');
            file.focus();
          }
        }

        return;
      }

      submitting = true;
      dirty = false;
      form.classList.add('is-submitting');
    });

    // Coming back through the browser's history shows the page from its cache: let it be submitted again.
    window.addEventListener('pageshow', function () {
      submitting = false;
      form.classList.remove('is-submitting');
    });

    window.addEventListener('beforeunload', function (event) {
      if (dirty) {
        event.preventDefault();
        event.returnValue = form.getAttribute('data-dirty-warning') || '';
      }
    });
  });

  // A page that comes back with errors starts at the list of them.
  var summary = document.querySelector('.error-summary');
  if (summary) {
    summary.focus();
  }
}());
