/*
 * wagtail-localize's translation editor writes two texts in English only, outside its message
 * catalogue: the title of the list of strings ("Español to Inglés translation") and the hidden
 * name of the footer's "More actions" button. This replaces them with the translations the page
 * carries in #translation-editor-text (lms/templates/wagtail_localize/admin/edit_translation.html).
 */
(function () {
  "use strict";

  function start() {
    var editor = document.querySelector(".js-translation-editor[data-props]");
    var texts = document.getElementById("translation-editor-text");
    if (!editor || !texts) {
      return;
    }
    var props = JSON.parse(editor.dataset.props);
    var replacements = {};
    replacements[props.sourceLocale.displayName + " to " + props.locale.displayName + " translation"] =
      texts.dataset.heading;
    replacements["More actions"] = texts.dataset.moreActions;

    function replace() {
      editor.querySelectorAll("h3, .w-sr-only").forEach(function (element) {
        var translated = replacements[element.textContent];
        if (translated && element.children.length === 0 && element.textContent !== translated) {
          element.textContent = translated;
        }
      });
    }
    replace();
    new MutationObserver(replace).observe(editor, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
