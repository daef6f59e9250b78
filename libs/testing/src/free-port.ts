import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Where test ports are drawn from: below the kernel's ephemeral range. A port in that range can be taken, between
 * the check and the listen, by the local end of any outgoing connection (a pool's, a browser's), and a service that
 * then fails to bind dies during start-up — the cause of a CI failure seen once.
 */
function testPortRange(): { low: number; high: number } {
  let ephemeralLow = 32_768;
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low && Number.isInteger(low)) ephemeralLow = low;
  } catch {
    // not Linux: keep the usual default
  }
  return ephemeralLow > 12_000 ? { low: 10_000, high: ephemeralLow } : { low: 1_024, high: ephemeralLow };
}

async function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * The first port of `count` consecutive free loopback ports (for `PROFILA_PORT_BASE`), searched from a random
 * start below the ephemeral range so that parallel test runs rarely collide and no outgoing connection takes one.
 */
export async function freePortBlock(count: number): Promise<number> {
  const { low, high } = testPortRange();
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = low + Math.floor(Math.random() * (high - low - count));
    let free = true;
    for (let port = base; port < base + count && free; port++) free = await isFree(port);
    if (free) return base;
  }
  throw new Error(`No block of ${count} free ports found`);
}

/** A free TCP port on the loopback interface, outside the ephemeral range. */
export async function freePort(): Promise<number> {
  return freePortBlock(1);
}
