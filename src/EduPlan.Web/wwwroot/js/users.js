// /admin/users: copy the one-time password, and ask before disabling a user or resetting a password.
// Everything works without this file too (CSP forbids inline script, so the pages carry no handlers of their own).
(function () {
    'use strict';

    function selectText(element) {
        var range = document.createRange();
        range.selectNodeContents(element);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }

    document.querySelectorAll('[data-copy-target]').forEach(function (button) {
        button.addEventListener('click', function () {
            var target = document.getElementById(button.getAttribute('data-copy-target'));
            if (!target) {
                return;
            }

            var text = target.textContent.trim();
            var copied = function () {
                button.textContent = button.getAttribute('data-copied-text') || button.textContent;
            };
            var fallback = function () {
                // Older browsers, or plain HTTP where the clipboard API is unavailable: select it for Ctrl+C.
                selectText(target);
                try {
                    if (document.execCommand('copy')) {
                        copied();
                    }
                } catch (e) {
                    // The text stays selected; the administrator can copy it by hand.
                }
            };

            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(text).then(copied, fallback);
            } else {
                fallback();
            }
        });
    });

    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
        form.addEventListener('submit', function (event) {
            if (!window.confirm(form.getAttribute('data-confirm'))) {
                event.preventDefault();
            }
        });
    });
})();
