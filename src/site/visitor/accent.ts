/** The widget's accent as the owner set it in the editor: a CSS colour, and the text colour readable on it. */
export interface Accent {
  css: string;
  /** Black or white, whichever reads better on the accent (the Send button's label). */
  onAccent: '#000' | '#fff';
}

type Rgb = readonly [number, number, number];

function rgbOf(color: string): Rgb | undefined {
  const match = /^rgba?\(\s*(\d+(?:\.\d+)?)[\s,]+(\d+(?:\.\d+)?)[\s,]+(\d+(?:\.\d+)?)/.exec(color);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** WCAG 2's relative luminance. */
function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/**
 * The accent, when `value` is a colour the browser takes (an element's style refuses anything
 * else, such as "notacolour", which would leave the button without a background); undefined
 * otherwise. Its RGB comes from the style (hex and rgb() are given back as rgb()) or, for a named
 * colour, from the computed style.
 */
export function readAccent(value: string | undefined): Accent | undefined {
  const css = value?.trim();
  if (!css || typeof document === 'undefined') return undefined;
  const probe = document.createElement('span');
  probe.style.color = css;
  if (probe.style.color === '') return undefined;
  let rgb = rgbOf(probe.style.color);
  if (!rgb && document.body) {
    probe.hidden = true;
    document.body.append(probe);
    rgb = rgbOf(getComputedStyle(probe).color);
    probe.remove();
  }
  // White reads better when the accent is darker than mid-grey in WCAG's terms (contrast with white > with black).
  const dark = rgb ? 1.05 / (luminance(rgb) + 0.05) >= (luminance(rgb) + 0.05) / 0.05 : true;
  return { css, onAccent: dark ? '#fff' : '#000' };
}
