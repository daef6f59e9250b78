import { IsBoolean, IsInt, IsString } from 'class-validator';
import { EnvValidationError, loadEnv } from './load-env.js';

class SampleEnv {
  @IsInt()
  PORT = 3000;

  @IsBoolean()
  SECURE = false;

  @IsString()
  NAME = 'default';
}

describe('loadEnv', () => {
  it('keeps defaults and converts numbers and booleans from strings', () => {
    expect(loadEnv(SampleEnv, {})).toMatchObject({ PORT: 3000, SECURE: false, NAME: 'default' });
    expect(loadEnv(SampleEnv, { PORT: '8080', SECURE: 'true', NAME: 'x' })).toMatchObject({
      PORT: 8080,
      SECURE: true,
      NAME: 'x',
    });
  });

  it('fails fast with every bad variable named', () => {
    expect(() => loadEnv(SampleEnv, { PORT: 'eighty', SECURE: 'maybe' })).toThrow(EnvValidationError);
    try {
      loadEnv(SampleEnv, { PORT: 'eighty', SECURE: 'maybe' });
    } catch (e) {
      expect((e as EnvValidationError).problems.map((p) => p.split('=')[0])).toEqual(['PORT', 'SECURE']);
    }
  });
});
