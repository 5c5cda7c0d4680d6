// A SQL editor (CodeMirror 6) whose diagnostics are marked at their line and column.
import { EditorView, basicSetup } from "codemirror";
import { Compartment } from "@codemirror/state";
import { sql, PostgreSQL, MySQL, SQLite } from "@codemirror/lang-sql";
import { lintGutter, setDiagnostics } from "@codemirror/lint";

const DIALECT = { postgres: PostgreSQL, mysql: MySQL, sqlite: SQLite };

/** An editor in `parent`; `onChange(text)` on every edit made by the user. */
export function makeEditor(parent, { onChange }) {
  const language = new Compartment();
  let silent = false;
  const view = new EditorView({
    parent,
    extensions: [
      basicSetup,
      language.of(sql({ dialect: PostgreSQL })),
      lintGutter(),
      EditorView.updateListener.of((u) => {
        if (u.docChanged && !silent) onChange(u.state.doc.toString());
      }),
    ],
  });
  return {
    view,
    get text() {
      return view.state.doc.toString();
    },
    /** Replaces the text without calling onChange. */
    set text(value) {
      if (value === view.state.doc.toString()) return;
      silent = true;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
      silent = false;
    },
    setDialect(dialect) {
      view.dispatch({ effects: language.reconfigure(sql({ dialect: DIALECT[dialect] })) });
    },
    /** Marks `[{line, column, severity, message}]` (1-based; a missing column marks the line). */
    mark(diagnostics) {
      const doc = view.state.doc;
      const marks = diagnostics
        .filter((d) => d.line >= 1 && d.line <= doc.lines)
        .map((d) => {
          const line = doc.line(d.line);
          const from = Math.min(line.from + Math.max(0, (d.column ?? 1) - 1), line.to);
          // To the end of the word (or the line when the column is unknown).
          const rest = doc.sliceString(from, line.to);
          const word = d.column ? (/^[\w."`$]+/.exec(rest)?.[0].length ?? 1) : rest.length;
          return {
            from,
            to: Math.min(line.to, from + Math.max(1, word)),
            severity: d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "info",
            message: `${d.code}: ${d.message}`,
          };
        });
      view.dispatch(setDiagnostics(view.state, marks));
    },
    /** Puts the cursor at a line and column and shows it. */
    reveal(line, column = 1) {
      const doc = view.state.doc;
      const l = doc.line(Math.min(Math.max(1, line), doc.lines));
      const pos = Math.min(l.from + column - 1, l.to);
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    },
  };
}
