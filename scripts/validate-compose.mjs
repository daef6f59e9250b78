// Checks docker-compose.yml without a Docker engine (CI has none), and with `docker compose config -q` too when the
// compose plugin answers. Exits 1 and lists every problem found.
//   node scripts/validate-compose.mjs [file]           validate (default: docker-compose.yml at the repo root)
//   node scripts/validate-compose.mjs --print [file]   print the resolved model as JSON (anchors, merge keys and
//                                                      ${VAR:-default} resolved) for tests; exits 1 on problems
// Variables are resolved from this process's environment, like compose does from the shell.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const TOP_LEVEL_KEYS = new Set([
  'version',
  'name',
  'services',
  'volumes',
  'networks',
  'configs',
  'secrets',
  'include',
  'models',
]);
// Compose specification service attributes: a typo (`healtcheck`) would otherwise be ignored silently.
const SERVICE_KEYS = new Set(
  (
    'annotations attach blkio_config build cap_add cap_drop cgroup cgroup_parent command configs container_name ' +
    'cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpu_shares cpus cpuset credential_spec ' +
    'depends_on deploy develop device_cgroup_rules devices dns dns_opt dns_search domainname driver_opts entrypoint ' +
    'env_file environment expose extends external_links extra_hosts gpus group_add healthcheck hostname image init ' +
    'ipc isolation label_file labels links logging mac_address mem_limit mem_reservation mem_swappiness ' +
    'memswap_limit models network_mode networks oom_kill_disable oom_score_adj pid pids_limit platform ports ' +
    'post_start pre_stop privileged profiles provider pull_policy read_only restart runtime scale secrets ' +
    'security_opt shm_size stdin_open stop_grace_period stop_signal storage_opt sysctls tmpfs tty ulimits ' +
    'use_api_socket user userns_mode uts volumes volumes_from working_dir'
  ).split(' '),
);
const DEPENDS_CONDITIONS = new Set(['service_started', 'service_healthy', 'service_completed_successfully']);
const RESTART_POLICIES = /^(no|always|unless-stopped|on-failure(:\d+)?)$/;
const DURATION = /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/;
const PORT_SHORT =
  /^(?:(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?(?:(\d+(?:-\d+)?):)?(\d+(?:-\d+)?)(?:\/(tcp|udp|sctp))?$/;

/**
 * Resolves compose interpolation in one string: $$ (a literal $), $VAR, ${VAR}, ${VAR:-default}, ${VAR-default},
 * ${VAR:?error}, ${VAR?error}, ${VAR:+alt}, ${VAR+alt}; defaults may nest. `missing` collects variables used
 * without a default that are not set.
 */
export function interpolate(text, env, missing = new Set(), errors = []) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      let depth = 1;
      let j = i + 2;
      while (j < text.length && depth > 0) {
        if (text[j] === '{') depth += 1;
        else if (text[j] === '}') depth -= 1;
        j += 1;
      }
      if (depth !== 0) {
        errors.push(`unterminated \${ in "${text}"`);
        return out + text.slice(i);
      }
      const body = text.slice(i + 2, j - 1);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
      if (!m) {
        errors.push(`invalid interpolation "\${${body}}"`);
      } else {
        const [, name, op, arg = ''] = m;
        const value = env[name];
        const set = value !== undefined;
        const nonEmpty = set && value !== '';
        const sub = () => interpolate(arg, env, missing, errors);
        switch (op) {
          case undefined:
            if (!set) missing.add(name);
            out += value ?? '';
            break;
          case ':-':
            out += nonEmpty ? value : sub();
            break;
          case '-':
            out += set ? value : sub();
            break;
          case ':?':
          case '?':
            if (op === ':?' ? !nonEmpty : !set) errors.push(`required variable ${name} is not set: ${sub()}`);
            out += value ?? '';
            break;
          case ':+':
            out += nonEmpty ? sub() : '';
            break;
          case '+':
            out += set ? sub() : '';
            break;
        }
      }
      i = j;
      continue;
    }
    const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (bare) {
      const name = bare[0];
      if (env[name] === undefined) missing.add(name);
      out += env[name] ?? '';
      i += 1 + name.length;
      continue;
    }
    out += '$';
    i += 1;
  }
  return out;
}

function interpolateDeep(value, env, missing, errors) {
  if (typeof value === 'string') return interpolate(value, env, missing, errors);
  if (Array.isArray(value)) return value.map((v) => interpolateDeep(v, env, missing, errors));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, env, missing, errors)]));
  }
  return value;
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** depends_on in its long form: { target: { condition, required } }. */
export function dependsOnMap(dependsOn) {
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((n) => [n, { condition: 'service_started' }]));
  return isObject(dependsOn) ? dependsOn : {};
}

/** environment as a map (the list form `KEY=value` is converted; `KEY` alone maps to null). */
export function environmentMap(environment) {
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((e) => {
        const s = String(e);
        const at = s.indexOf('=');
        return at < 0 ? [s, null] : [s.slice(0, at), s.slice(at + 1)];
      }),
    );
  }
  return isObject(environment) ? environment : {};
}

/** Parses, resolves and checks a compose file. Returns { model, problems }. */
export function loadCompose(file, env = process.env) {
  const problems = [];
  const baseDir = dirname(file);
  let raw;
  try {
    raw = parse(readFileSync(file, 'utf8'), { merge: true, maxAliasCount: 1000, uniqueKeys: true, prettyErrors: true });
  } catch (err) {
    return { model: undefined, problems: [`${file}: ${err.message}`] };
  }
  if (!isObject(raw)) return { model: undefined, problems: [`${file}: not a YAML mapping`] };

  const missing = new Set();
  const interpolationErrors = [];
  // Extension fields (x-*) are only anchors for the rest: compose does not interpolate them on their own.
  const model = Object.fromEntries(
    Object.entries(raw)
      .filter(([k]) => !k.startsWith('x-'))
      .map(([k, v]) => [k, interpolateDeep(v, env, missing, interpolationErrors)]),
  );
  problems.push(...interpolationErrors);
  for (const name of missing) problems.push(`variable \${${name}} is used without a default and is not set`);

  for (const key of Object.keys(model)) {
    if (!TOP_LEVEL_KEYS.has(key)) problems.push(`unknown top-level key "${key}"`);
  }
  const services = model.services;
  if (!isObject(services) || Object.keys(services).length === 0) {
    problems.push('no services defined');
    return { model, problems };
  }
  const declaredVolumes = new Set(Object.keys(isObject(model.volumes) ? model.volumes : {}));
  const declaredNetworks = new Set(['default', ...Object.keys(isObject(model.networks) ? model.networks : {})]);
  const publishedPorts = new Map();

  for (const [name, svc] of Object.entries(services)) {
    const at = `services.${name}`;
    if (!/^[a-z0-9][a-z0-9_.-]*$/.test(name)) problems.push(`${at}: invalid service name`);
    if (!isObject(svc)) {
      problems.push(`${at}: must be a mapping`);
      continue;
    }
    for (const key of Object.keys(svc)) {
      if (!SERVICE_KEYS.has(key) && !key.startsWith('x-')) problems.push(`${at}: unknown attribute "${key}"`);
    }
    if (!svc.image && !svc.build) problems.push(`${at}: needs an image or a build`);
    if (svc.image !== undefined && (typeof svc.image !== 'string' || svc.image === '' || /\s/.test(svc.image))) {
      problems.push(`${at}.image: invalid image reference "${svc.image}"`);
    }
    if (svc.build !== undefined) {
      const build = typeof svc.build === 'string' ? { context: svc.build } : svc.build;
      if (!isObject(build)) {
        problems.push(`${at}.build: must be a path or a mapping`);
      } else {
        const context = resolve(baseDir, build.context ?? '.');
        if (!existsSync(context) || !statSync(context).isDirectory()) {
          problems.push(`${at}.build.context: ${build.context} is not a directory`);
        } else {
          const dockerfile = join(context, build.dockerfile ?? 'Dockerfile');
          if (!build.dockerfile_inline && !existsSync(dockerfile))
            problems.push(`${at}.build: ${dockerfile} not found`);
        }
        for (const [k, v] of Object.entries(environmentMap(build.args))) {
          if (v !== null && typeof v !== 'string') problems.push(`${at}.build.args.${k}: value must be a string`);
        }
      }
    }

    for (const [k, v] of Object.entries(environmentMap(svc.environment))) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) problems.push(`${at}.environment: invalid variable name "${k}"`);
      if (typeof v !== 'string') {
        problems.push(`${at}.environment.${k}: value must be a quoted string (YAML read ${JSON.stringify(v)})`);
      }
    }
    for (const envFile of [svc.env_file ?? []].flat()) {
      const path = typeof envFile === 'string' ? envFile : envFile?.path;
      const required = typeof envFile === 'string' || envFile?.required !== false;
      if (required && path && !existsSync(resolve(baseDir, path))) problems.push(`${at}.env_file: ${path} not found`);
    }

    for (const port of svc.ports ?? []) {
      let published;
      if (typeof port === 'string' || typeof port === 'number') {
        const m = PORT_SHORT.exec(String(port));
        if (!m) {
          problems.push(`${at}.ports: invalid port mapping "${port}"`);
          continue;
        }
        published = m[1];
      } else if (isObject(port)) {
        if (!/^\d+$/.test(String(port.target ?? ''))) problems.push(`${at}.ports: long syntax needs a numeric target`);
        published = port.published === undefined ? undefined : String(port.published);
      } else {
        problems.push(`${at}.ports: invalid entry ${JSON.stringify(port)}`);
        continue;
      }
      if (published) {
        const other = publishedPorts.get(published);
        if (other && other !== name) problems.push(`${at}.ports: host port ${published} is also published by ${other}`);
        publishedPorts.set(published, name);
      }
    }

    const deps = dependsOnMap(svc.depends_on);
    if (svc.depends_on !== undefined && !Array.isArray(svc.depends_on) && !isObject(svc.depends_on)) {
      problems.push(`${at}.depends_on: must be a list or a mapping`);
    }
    for (const [target, dep] of Object.entries(deps)) {
      const targetSvc = services[target];
      if (!targetSvc) {
        problems.push(`${at}.depends_on: unknown service "${target}"`);
        continue;
      }
      if (target === name) problems.push(`${at}.depends_on: depends on itself`);
      const condition = dep?.condition ?? 'service_started';
      if (!DEPENDS_CONDITIONS.has(condition))
        problems.push(`${at}.depends_on.${target}: unknown condition "${condition}"`);
      if (condition === 'service_healthy' && !targetSvc.healthcheck && !targetSvc.build) {
        problems.push(`${at}.depends_on.${target}: service_healthy but ${target} has no healthcheck`);
      }
      if (targetSvc.healthcheck?.disable === true && condition === 'service_healthy') {
        problems.push(`${at}.depends_on.${target}: service_healthy but ${target}'s healthcheck is disabled`);
      }
      // A service always started must not need one that only a profile starts, unless it says it can go without.
      const targetProfiles = targetSvc.profiles ?? [];
      const ownProfiles = svc.profiles ?? [];
      const alwaysAvailable = targetProfiles.length === 0 || targetProfiles.some((p) => ownProfiles.includes(p));
      if (!alwaysAvailable && dep?.required !== false) {
        problems.push(
          `${at}.depends_on.${target}: ${target} only runs with profile(s) ${targetProfiles} (add required: false)`,
        );
      }
    }

    if (svc.healthcheck !== undefined) {
      const hc = svc.healthcheck;
      if (!isObject(hc)) {
        problems.push(`${at}.healthcheck: must be a mapping`);
      } else if (hc.disable !== true) {
        const test = hc.test;
        const okTest =
          (typeof test === 'string' && test.trim() !== '') ||
          (Array.isArray(test) && test.length >= 2 && ['CMD', 'CMD-SHELL'].includes(test[0])) ||
          (Array.isArray(test) && test[0] === 'NONE');
        if (!okTest) problems.push(`${at}.healthcheck.test: must be a string or ["CMD"|"CMD-SHELL", ...]`);
        for (const k of ['interval', 'timeout', 'start_period', 'start_interval']) {
          if (hc[k] !== undefined && !DURATION.test(String(hc[k])))
            problems.push(`${at}.healthcheck.${k}: bad duration "${hc[k]}"`);
        }
        if (hc.retries !== undefined && !(Number.isInteger(hc.retries) && hc.retries > 0)) {
          problems.push(`${at}.healthcheck.retries: must be a positive integer`);
        }
      }
    }

    if (svc.restart !== undefined && !RESTART_POLICIES.test(String(svc.restart))) {
      problems.push(`${at}.restart: invalid policy "${svc.restart}"`);
    }
    if (
      svc.profiles !== undefined &&
      !(Array.isArray(svc.profiles) && svc.profiles.every((p) => typeof p === 'string'))
    ) {
      problems.push(`${at}.profiles: must be a list of names`);
    }

    for (const volume of svc.volumes ?? []) {
      let source;
      let type;
      if (typeof volume === 'string') {
        const parts = volume.split(':');
        if (parts.length === 1) continue; // anonymous volume
        source = parts[0];
        type = /^[./~]/.test(source) ? 'bind' : 'volume';
      } else if (isObject(volume)) {
        ({ source, type } = volume);
      } else {
        problems.push(`${at}.volumes: invalid entry ${JSON.stringify(volume)}`);
        continue;
      }
      if (type === 'volume' && source && !declaredVolumes.has(source)) {
        problems.push(`${at}.volumes: named volume "${source}" is not declared under top-level volumes`);
      }
      if (type === 'bind' && source && !source.startsWith('~') && !existsSync(resolve(baseDir, source))) {
        problems.push(`${at}.volumes: bind source ${source} does not exist`);
      }
    }

    const networks = Array.isArray(svc.networks)
      ? svc.networks
      : Object.keys(isObject(svc.networks) ? svc.networks : {});
    for (const network of networks) {
      if (!declaredNetworks.has(network)) problems.push(`${at}.networks: network "${network}" is not declared`);
    }
  }

  // depends_on cycles make `up` fail.
  const state = new Map();
  const visit = (name, path) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'active') {
      problems.push(`depends_on cycle: ${[...path, name].join(' -> ')}`);
      return;
    }
    state.set(name, 'active');
    for (const target of Object.keys(dependsOnMap(services[name]?.depends_on))) {
      if (services[target]) visit(target, [...path, name]);
    }
    state.set(name, 'done');
  };
  for (const name of Object.keys(services)) visit(name, []);

  return { model, problems };
}

function dockerComposeConfig(file) {
  const probe = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return undefined;
  const r = spawnSync('docker', ['compose', '-f', file, 'config', '-q'], { encoding: 'utf8' });
  return r.status === 0 ? [] : [`docker compose config: ${(r.stderr || r.stdout).trim()}`];
}

function main() {
  const args = process.argv.slice(2);
  const print = args.includes('--print');
  const file = resolve(args.find((a) => !a.startsWith('--')) ?? join(root, 'docker-compose.yml'));
  const { model, problems } = loadCompose(file);
  const dockerProblems = print ? [] : dockerComposeConfig(file);
  problems.push(...(dockerProblems ?? []));
  if (print) {
    process.stdout.write(`${JSON.stringify({ model, problems }, null, 2)}\n`);
    process.exit(problems.length ? 1 : 0);
  }
  if (problems.length) {
    console.error(`validate-compose: ${problems.length} problem(s) in ${file}`);
    for (const p of problems) console.error(`  - ${p}`);
    process.exit(1);
  }
  const count = Object.keys(model.services).length;
  const how = dockerProblems
    ? 'docker compose config and structural checks'
    : 'structural checks (no docker compose here)';
  console.log(`validate-compose: ${file} OK, ${count} services (${how})`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
