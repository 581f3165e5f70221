/** A modal form asking for an API key when the service answers UNAUTHENTICATED. */
import { h } from "../dom";
import { t } from "../i18n";

export function promptForKey(reason: string): Promise<string | null> {
  return new Promise((resolve) => {
    const input = h("input", {
      type: "password",
      name: "apiKey",
      autocomplete: "current-password",
      required: true,
      "data-testid": "key-input",
    });
    const cancel = h("button", { type: "button" }, t("keyCancel"));
    const form = h(
      "form",
      { class: "key-form", "data-testid": "key-prompt" },
      h("h2", {}, t("keyTitle")),
      h("p", {}, t("keyHelp")),
      h("p", { class: "muted" }, reason),
      h("label", {}, t("keyLabel"), " ", input),
      h("div", { class: "buttons" }, h("button", { type: "submit", "data-testid": "key-submit" }, t("keySubmit")), cancel),
    );
    const overlay = h("div", { class: "overlay" }, form);
    const finish = (v: string | null) => {
      overlay.remove();
      resolve(v);
    };
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      finish(input.value.trim() || null);
    });
    cancel.addEventListener("click", () => finish(null));
    document.body.append(overlay);
    input.focus();
  });
}
