// The query page: turns the textarea into a SPARQL editor (vendored CodeMirror, see
// assets/vendor/) and runs the query on Ctrl+Enter. Without it the textarea still works.
(function () {
  "use strict";
  var textarea = document.getElementById("query");
  var form = document.getElementById("query-form");
  if (!textarea || !form) return;
  if (window.IdmEditor) {
    var editor = window.IdmEditor.create(textarea);
    editor.view.dom.id = "query-editor";
    window.idmgraphEditor = editor;
  }
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }
  });
})();
