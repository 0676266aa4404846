/** `decodeURIComponent`, or undefined when the text is not valid percent-encoding (`%zz`, a lone `%`). */
export function decodeUriPart(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The decoded text, or the text itself when it is not valid percent-encoding. */
export const safeDecode = (text: string): string => decodeUriPart(text) ?? text;
