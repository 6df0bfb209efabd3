/*
 * Accessible names for the Wagtail admin's fields that Wagtail 8 leaves without one.
 *
 * - A rich-text editor (Draftail) is a contenteditable "textbox"; the field's <label> points
 *   at the hidden input that holds its value, so the textbox itself has no name.
 * - A tag field's typing box (tag-it) is an <input> created next to the hidden one, with no label.
 * - A field block placed directly in a StreamField (a learning outcome, a lesson's text) has
 *   no <label> at all: only the block's header says what it is.
 *
 * Each such control gets aria-labelledby pointing at the field's label, or at the block
 * header's type label, so that screen readers announce the same words sighted users read.
 * Blocks are added and editors mounted after the page loads, so the page is watched.
 *
 * And the editor's minimap list, which scrolls once a page has many blocks (a lesson with a
 * quiz and a sandbox exercise), is made reachable by keyboard (WCAG 2.1.1: a scrollable region
 * must take focus so that its content can be scrolled without a mouse).
 */
(function () {
  "use strict";

  var CONTROLS = [
    ".Draftail-Editor [role='textbox'][contenteditable='true']",
    "input.ui-autocomplete-input",
    "[data-field-input] input:not([type='hidden'])",
    "[data-field-input] textarea",
    "[data-field-input] select",
  ].join(",");
  var counter = 0;

  function idOf(element) {
    if (!element.id) {
      counter += 1;
      element.id = "lms-field-name-" + counter;
    }
    return element.id;
  }

  function hasName(control) {
    if (control.getAttribute("aria-label") || control.getAttribute("aria-labelledby")) {
      return true;
    }
    return Boolean(control.labels && control.labels.length); // a <label for> or a wrapping <label>
  }

  function labelFor(control) {
    // A field's own <label for>, which Wagtail points at the hidden input of a rich-text or tag field.
    var field = control.closest("[data-field-input]");
    if (field) {
      var inputs = field.querySelectorAll("input[id], textarea[id], select[id]");
      for (var i = 0; i < inputs.length; i += 1) {
        var label = document.querySelector("label[for='" + CSS.escape(inputs[i].id) + "']");
        if (label) {
          return label;
        }
      }
    }
    // Else the nearest of: a struct block child's <label> (without "for"), a stream child's header.
    for (var node = control.parentElement; node; node = node.parentElement) {
      if (node.matches("[data-contentpath]")) {
        var own = node.querySelector(":scope > label.w-field__label");
        if (own && own.textContent.trim()) {
          return own;
        }
      }
      if (node.matches("section[aria-labelledby]")) {
        var heading = document.getElementById(node.getAttribute("aria-labelledby"));
        if (!heading) {
          return null;
        }
        var type = heading.querySelector(".c-sf-block__type");
        return type && type.textContent.trim() ? type : heading;
      }
    }
    return null;
  }

  function nameControls() {
    document.querySelectorAll(".w-minimap__list:not([tabindex])").forEach(function (list) {
      list.setAttribute("tabindex", "0");
    });
    document.querySelectorAll(CONTROLS).forEach(function (control) {
      if (hasName(control)) {
        return;
      }
      var label = labelFor(control);
      if (label) {
        control.setAttribute("aria-labelledby", idOf(label));
      }
    });
  }

  var scheduled = false;
  function schedule() {
    if (!scheduled) {
      scheduled = true;
      window.requestAnimationFrame(function () {
        scheduled = false;
        nameControls();
      });
    }
  }

  function start() {
    nameControls();
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
