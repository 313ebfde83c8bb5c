import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../local/emulator/platform/local-wix-config.js';
import { describeVariants, parseVariants, VARIANT_NAMES } from '../../local/emulator/platform/variants.js';

describe('WIX_VARIANT, how the local Wix answers where Wix documents nothing', () => {
  it('reads a comma-separated list, "default" or nothing for none', () => {
    expect([...parseVariants('events-late, hash-absent')]).toEqual(['events-late', 'hash-absent']);
    expect(parseVariants('').size).toBe(0);
    expect(parseVariants('default').size).toBe(0);
    expect(describeVariants(parseVariants(undefined))).toBe('default');
    expect(describeVariants(parseVariants('hash-absent,events-late'))).toBe('hash-absent,events-late');
  });

  it('refuses a name it does not know, listing the known ones, and two hashes at once', () => {
    expect(() => parseVariants('events-late,nope')).toThrow(`unknown variant "nope"; known: ${VARIANT_NAMES.join(', ')}`);
    expect(() => parseVariants('hash-absent,hash-sha256')).toThrow('exclude each other');
  });

  it('is read from the environment with the events delay', () => {
    const config = configFromEnv({ WIX_VARIANT: 'events-late', WIX_EVENT_DELAY_MS: '1500' });
    expect([...config.variants]).toEqual(['events-late']);
    expect(config.eventDelayMs).toBe(1500);
  });
});
