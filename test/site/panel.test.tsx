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
});
