// Bare Fastify hello world: the ceiling of one Node process on this machine (bench:gateway's first line).
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
