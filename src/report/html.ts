/** Escapes text for HTML and SVG, in element content and in double-quoted attributes alike. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A font stack of fonts installed with the system (fonts-noto-cjk on Debian): nothing is fetched. */
export const FONT_STACK =
  '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';
