// Error pages: "back to the form" goes back in the browser's history, where the page and what was typed in it usually
// still are (a link to the form's address would load it afresh, empty).
(function () {
  'use strict';

  document.querySelectorAll('[data-history-back]').forEach(function (link) {
    if (window.history.length < 2) {
      link.hidden = true;
      return;
    }

    link.addEventListener('click', function (event) {
      event.preventDefault();
      window.history.back();
    });
  });
}());
