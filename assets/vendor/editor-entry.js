// The SPARQL editor of /query-editor: CodeMirror 6 with the SPARQL mode, bundled into one
// script by scripts/vendor-assets. Exposes window.IdmEditor.create(textarea), which hides the
// textarea, puts an editor in its place and keeps the textarea's value in step (so the form
// still submits it, and the page works without this script).
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from "@codemirror/view";
import { StreamLanguage, syntaxHighlighting, defaultHighlightStyle, bracketMatching, indentOnInput } from "@codemirror/language";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";

function create(textarea) {
  const view = new EditorView({
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        StreamLanguage.define(sparql),
        syntaxHighlighting(defaultHighlightStyle),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": textarea.getAttribute("aria-label") || "SPARQL query" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) textarea.value = update.state.doc.toString();
        }),
      ],
    }),
  });
  textarea.style.display = "none";
  textarea.parentNode.insertBefore(view.dom, textarea.nextSibling);
  return {
    view,
    getValue: () => view.state.doc.toString(),
    setValue: (text) => {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      textarea.value = text;
    },
  };
}

window.IdmEditor = { create };
