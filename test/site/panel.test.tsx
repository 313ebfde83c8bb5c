// @vitest-environment jsdom
import React from 'react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

const saved = vi.hoisted(() => new Map<string, string>([['heading', 'Send us your footage']]));
vi.mock('@wix/editor', () => ({
  widget: {
    getProp: vi.fn(async (name: string) => saved.get(name) ?? ''),
    setProp: vi.fn(async (name: string, value: string) => void saved.set(name, value)),
  },
}));

const { default: Panel } = await import('../../src/site/widgets/custom-elements/visitor-upload/panel.js');

afterEach(() => cleanup());

describe("the widget's settings panel", () => {
  it("shows the widget's saved wording and saves each change as the element's attribute", async () => {
    render(<Panel />);
    const heading = screen.getByRole('textbox', { name: 'Heading' }) as HTMLInputElement;
    await waitFor(() => expect(heading.value).toBe('Send us your footage'));
    fireEvent.change(screen.getByRole('textbox', { name: 'Button label' }), { target: { value: 'Upload footage' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Accent colour (CSS colour)' }), { target: { value: '#c04000' } });
    await waitFor(() => expect(saved.get('button-label')).toBe('Upload footage'));
    expect(saved.get('accent-color')).toBe('#c04000');
    expect(screen.getByText(/set in the app's dashboard/)).toBeTruthy();
  });

  it('refuses an accent colour that is not one, saying why, and keeps the last good one', async () => {
    render(<Panel />);
    const accent = screen.getByRole('textbox', { name: 'Accent colour (CSS colour)' });
    fireEvent.change(accent, { target: { value: '#c04000' } });
    await waitFor(() => expect(saved.get('accent-color')).toBe('#c04000'));
    fireEvent.change(accent, { target: { value: 'notacolour' } });
    expect(await screen.findByText('"notacolour" is not a CSS colour: for example #116dff or rebeccapurple.')).toBeTruthy();
    expect(saved.get('accent-color')).toBe('#c04000');
    fireEvent.change(accent, { target: { value: '' } });
    await waitFor(() => expect(saved.get('accent-color')).toBe(''));
    expect(screen.queryByText(/is not a CSS colour/)).toBeNull();
  });

  it('says that a light accent gets dark text on the button, to stay readable', async () => {
    render(<Panel />);
    fireEvent.change(screen.getByRole('textbox', { name: 'Accent colour (CSS colour)' }), { target: { value: '#ffe066' } });
    expect(await screen.findByText(/dark text on this colour/)).toBeTruthy();
    await waitFor(() => expect(saved.get('accent-color')).toBe('#ffe066'));
  });
});
