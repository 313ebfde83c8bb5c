/**
 * Two ARIA gaps of WDS components, mended on the DOM they draw (as NamedProgressBar does for its
 * progress bar): each is applied again whenever WDS changes the attributes involved.
 */

const mended = new WeakSet<Element>();

function keepMended(element: Element, attributes: string[], mend: () => void): void {
  if (mended.has(element)) return;
  mended.add(element);
  new MutationObserver(mend).observe(element, { attributes: true, attributeFilter: attributes });
  mend();
}

/**
 * WDS's Dropdown sets aria-expanded on its combobox only while the list is open; a combobox must
 * always say whether it is (ARIA 1.2): "false" whenever WDS leaves it out. A ref callback.
 */
export function sayCollapsedWhenClosed(box: HTMLElement | null): void {
  const combobox = box?.querySelector('[role="combobox"]');
  if (!combobox) return;
  keepMended(combobox, ['aria-expanded'], () => {
    if (!combobox.hasAttribute('aria-expanded')) combobox.setAttribute('aria-expanded', 'false');
  });
}

/**
 * WDS's PopoverMenu puts aria-expanded and aria-haspopup on the plain <div> around its trigger,
 * where they are not allowed and say nothing: they belong to the trigger button, moved there. Its
 * aria-controls names an id nothing has: dropped. A ref callback on an element around the menu.
 */
export function menuStateOnItsButton(box: HTMLElement | null): void {
  const wrapper = box?.querySelector('.wds-dropdown-base__trigger');
  const button = wrapper?.querySelector('button');
  if (!wrapper || !button) return;
  keepMended(wrapper, ['aria-expanded', 'aria-haspopup', 'aria-controls'], () => {
    wrapper.removeAttribute('aria-controls');
    const expanded = wrapper.getAttribute('aria-expanded');
    if (expanded === null) return;
    button.setAttribute('aria-expanded', expanded);
    button.setAttribute('aria-haspopup', 'menu');
    wrapper.removeAttribute('aria-expanded');
    wrapper.removeAttribute('aria-haspopup');
  });
}

/** The open WDS popover (a role="dialog" drawn at the end of the page) gets a name, once drawn. */
export function nameOpenPopover(name: string): void {
  requestAnimationFrame(() => {
    for (const dialog of document.querySelectorAll('.wds-popover-next-content[role="dialog"]:not([aria-label])')) {
      dialog.setAttribute('aria-label', name);
    }
  });
}
