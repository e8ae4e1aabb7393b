// The npm entries as a site installs them: resolved through package.json "exports" (the root package
// references itself by name), in a separate Node process so nothing of the test runner's resolver helps.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

const CLIENT_EXPORTS = [
  'LivechatApiError',
  'LivechatClient',
  'RESUME_QUERY_PARAM',
  'WEBHOOK_EVENTS',
  'createLivechatClient',
  'defaultStorage',
  'memoryStorage',
  'newClientId',
];

/** Runs `code` in a fresh Node process at the package root and parses what it prints. */
function runNode(code: string, type: 'commonjs' | 'module'): unknown {
  const output = execFileSync(process.execPath, ['--input-type', type, '-e', code], { cwd: root, encoding: 'utf8' });
  return JSON.parse(output);
}

/** The declaration file TypeScript picks for `specifier`, and the names it exports. */
function declaredExports(specifier: string) {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
  };
  const { resolvedModule } = ts.resolveModuleName(specifier, path.join(root, 'consumer.ts'), options, ts.sys);
  if (!resolvedModule) throw new Error(`TypeScript cannot resolve ${specifier}`);
  const program = ts.createProgram([resolvedModule.resolvedFileName], options);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(resolvedModule.resolvedFileName);
  const symbol = source && checker.getSymbolAtLocation(source);
  return {
    file: path.relative(root, resolvedModule.resolvedFileName),
    names: symbol ? checker.getExportsOfModule(symbol).map((s) => s.name) : [],
  };
}

describe('npm packaging', () => {
  it("socket.io-client, which dist/client imports, is a dependency the site's install brings", () => {
    expect(readFileSync(path.join(root, 'dist/client/index.mjs'), 'utf8')).toMatch(/from "socket\.io-client"/);
    expect(pkg.dependencies['socket.io-client']).toBe('~4.8.1');
    expect(pkg.devDependencies['socket.io-client']).toBeUndefined();
  });

  it("require('strapi-plugin-livechat/client') loads the CommonJS build with the documented functions", () => {
    const loaded = runNode(
      `const client = require('strapi-plugin-livechat/client');
       const made = client.createLivechatClient({ url: 'http://localhost:1', storage: client.memoryStorage() });
       console.log(JSON.stringify({
         file: require.resolve('strapi-plugin-livechat/client'),
         names: Object.keys(client).sort(),
         isClient: made instanceof client.LivechatClient,
         on: typeof made.on,
       }));`,
      'commonjs',
    );
    expect(loaded).toEqual({
      file: path.join(root, 'dist/client/index.js'),
      names: CLIENT_EXPORTS,
      isClient: true,
      on: 'function',
    });
  });

  it('import() of the client and the widget loads their ES module builds', () => {
    const loaded = runNode(
      `const client = await import('strapi-plugin-livechat/client');
       const widget = await import('strapi-plugin-livechat/widget');
       console.log(JSON.stringify({
         client: Object.keys(client).sort(),
         widget: Object.keys(widget).sort(),
         mount: typeof widget.mountLivechatWidget,
         resolved: [import.meta.resolve('strapi-plugin-livechat/client'), import.meta.resolve('strapi-plugin-livechat/widget')],
       }));`,
      'module',
    );
    expect(loaded).toEqual({
      client: CLIENT_EXPORTS,
      widget: ['mountLivechatWidget'],
      mount: 'function',
      resolved: [
        `file://${path.join(root, 'dist/client/index.mjs')}`,
        `file://${path.join(root, 'dist/widget/index.mjs')}`,
      ],
    });
  });

  it('TypeScript finds the declarations of both entries through "exports"', () => {
    const client = declaredExports('strapi-plugin-livechat/client');
    expect(client.file).toBe(path.join('dist', 'client', 'index.d.ts'));
    expect(client.names).toEqual(expect.arrayContaining([...CLIENT_EXPORTS, 'LivechatClientOptions', 'Message']));
    const widget = declaredExports('strapi-plugin-livechat/widget');
    expect(widget.file).toBe(path.join('dist', 'widget', 'index.d.ts'));
    expect(widget.names).toEqual(expect.arrayContaining(['mountLivechatWidget', 'WidgetOptions', 'WidgetHandle']));
  });
});
