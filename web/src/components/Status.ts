/** The status line: what is loading, and errors in words (message and code). */
import { ApiError } from "../api";
import { h } from "../dom";
import { t } from "../i18n";

export class Status {
  readonly el = h("div", { class: "status", "data-testid": "status", role: "status", "aria-live": "polite" });
  private loading = new Set<string>();
  private errors = new Map<string, string>();

  begin(task: string): void {
    this.loading.add(task);
    this.errors.delete(task);
    this.render();
  }

  done(task: string): void {
    this.loading.delete(task);
    this.render();
  }

  fail(task: string, e: unknown): void {
    this.loading.delete(task);
    const msg = e instanceof ApiError ? `${e.message} (${e.code})` : e instanceof Error ? e.message : String(e);
    this.errors.set(task, msg);
    this.render();
  }

  reset(): void {
    this.loading.clear();
    this.errors.clear();
    this.render();
  }

  private render(): void {
    const errs = [...new Set(this.errors.values())].slice(0, 2); // the same refusal on every read is said once
    this.el.classList.toggle("error", errs.length > 0);
    if (errs.length) this.el.textContent = `${t("errorPrefix")}: ${errs.join("；")}`;
    else if (this.loading.size) this.el.textContent = t("loading");
    else this.el.textContent = t("ready");
  }
}
