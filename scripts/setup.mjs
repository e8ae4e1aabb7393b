// Prepares a fresh checkout: installs packages when the lockfile moved, writes the playground's .env.
// Node builtins only: this runs before node_modules exists. `--browser` also installs Chromium.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const playgroundEnv = path.join(root, 'playground', '.env');

function run(command, args) {
  console.log(`> ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

/** Runs `npm install` when node_modules is missing or older than package-lock.json. */
export function ensurePackages() {
  const lockfile = path.join(root, 'package-lock.json');
  const installedLock = path.join(root, 'node_modules', '.package-lock.json');
  const upToDate =
    existsSync(installedLock) &&
    (!existsSync(lockfile) || statSync(lockfile).mtimeMs <= statSync(installedLock).mtimeMs);
  if (upToDate) return;
  run('npm', ['install', '--no-audit', '--no-fund']);
  // npm leaves the hidden lockfile untouched when nothing changed; mark it so the next run skips the install.
  if (existsSync(installedLock)) {
    const now = new Date();
    utimesSync(installedLock, now, now);
  }
}

const secret = () => randomBytes(16).toString('base64');

/** Writes playground/.env with fresh secrets unless one exists. */
export function ensurePlaygroundEnv() {
  if (existsSync(playgroundEnv)) return;
  // No DATABASE_FILENAME line: Strapi's stock config turns an empty value into a directory path, which SQLite cannot open.
  const lines = [
    'HOST=0.0.0.0',
    'PORT=1337',
    `APP_KEYS=${[secret(), secret(), secret(), secret()].join(',')}`,
    `API_TOKEN_SALT=${secret()}`,
    `ADMIN_JWT_SECRET=${secret()}`,
    `TRANSFER_TOKEN_SALT=${secret()}`,
    `JWT_SECRET=${secret()}`,
    `ENCRYPTION_KEY=${secret()}`,
    'STRAPI_TELEMETRY_DISABLED=true',
  ];
  writeFileSync(playgroundEnv, `${lines.join('\n')}\n`, { mode: 0o600 });
  console.log(`Wrote ${path.relative(root, playgroundEnv)} with fresh secrets`);
}

/** Installs Debian's Chromium for the browser tests when it is missing (runs as root). */
export function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  run('sh', ['-c', 'apt-get update && apt-get install -y chromium fonts-noto-color-emoji']);
}

function main(args) {
  ensurePackages();
  ensurePlaygroundEnv();
  if (args.includes('--browser')) ensureChromium();
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`setup failed: ${error.message}`);
    process.exit(1);
  }
}
