// Task ownership form: the lead department cannot also be a co-department, so its checkbox is
// unticked and disabled while it is the lead; a filter box narrows a long list of departments.
// The server checks the same rule; this only saves a round trip.
(function () {
  'use strict';

  var form = document.querySelector('.ownership-form');
  if (!form) {
    return;
  }

  var lead = form.querySelector('[data-lead-select]');
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="CoDepartmentIds"]'));

  function syncLead() {
    boxes.forEach(function (box) {
      var isLead = lead && box.value === lead.value;
      if (isLead) {
        box.checked = false;
      }
      box.disabled = isLead;
    });
  }

  if (lead) {
    lead.addEventListener('change', syncLead);
    syncLead();
  }

  var filter = form.querySelector('[data-co-filter]');
  if (filter) {
    filter.addEventListener('input', function () {
      var text = filter.value.trim().toLowerCase();
      form.querySelectorAll('[data-co-item]').forEach(function (item) {
        var name = (item.getAttribute('data-name') || '').toLowerCase();
        item.hidden = text.length > 0 && name.indexOf(text) < 0;
      });
    });
  }
}());
