// 总览's selectors show the choice as soon as it is made; the button stays for keyboards and for browsers without script.
(function () {
  'use strict';

  document.querySelectorAll('form[data-autosubmit]').forEach(function (form) {
    form.querySelectorAll('select').forEach(function (select) {
      select.addEventListener('change', function () { form.submit(); });
    });
  });
}());
