import { describe, expect, it } from 'vitest';
import { allDirectives, parseNginxConfig } from '../../../src/project/model/nginx-config.js';

describe('parseNginxConfig', () => {
  it('nests blocks with their lines', () => {
    const config = parseNginxConfig('http {\n  upstream app {\n    ip_hash;\n    server a:3000 weight=2;\n  }\n}\n');
    expect(config).toEqual([
      {
        name: 'http',
        args: [],
        line: 1,
        children: [
          {
            name: 'upstream',
            args: ['app'],
            line: 2,
            children: [
              { name: 'ip_hash', args: [], line: 3 },
              { name: 'server', args: ['a:3000', 'weight=2'], line: 4 },
            ],
          },
        ],
      },
    ]);
  });

  it('drops comments and unquotes strings', () => {
    const config = parseNginxConfig('# upstream old { server x; }\nadd_header X-Note "a; b";\n');
    expect(config).toEqual([{ name: 'add_header', args: ['X-Note', 'a; b'], line: 2 }]);
  });

  it('keeps what precedes an unbalanced brace', () => {
    const names = allDirectives(parseNginxConfig('upstream app { server a:1; server b:1;')).map((directive) => directive.name);
    expect(names).toEqual(['upstream', 'server', 'server']);
  });
});
