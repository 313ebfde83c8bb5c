/**
 * Props for a button that may be disabled. WDS keeps a disabled button focusable (aria-disabled),
 * so Tab would stop on every unusable action; a disabled one is taken out of the tab order.
 */
export function inactive(disabled: boolean): { disabled: boolean; tabIndex: number } {
  return { disabled, tabIndex: disabled ? -1 : 0 };
}
