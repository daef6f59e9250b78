export default async function globalTeardown() {
  await globalThis.__PROFILA_PG__?.stop();
}
