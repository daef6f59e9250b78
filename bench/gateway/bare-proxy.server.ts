// The least a proxy hop can cost on this machine (bench:gateway's yardstick for the gateway's added latency): a
// node:http server that forwards method, path and headers over a pooled undici client and sends the answer back in
// one write. No session, no checks, no header rules: what the gateway adds beyond this is its own work.
import { createServer } from 'node:http';
import { Pool } from 'undici';

const pool = new Pool(process.env.UPSTREAM!, { connections: 16 });
createServer((req, res) => {
  const headers = { ...req.headers };
  delete headers.connection;
  delete headers.host;
  pool.request({ method: 'GET', path: req.url!, headers }).then(
    async (answer) => {
      const body = Buffer.from(await answer.body.arrayBuffer());
      res.writeHead(answer.statusCode, {
        'content-type': String(answer.headers['content-type'] ?? 'application/octet-stream'),
        'content-length': body.length,
      });
      res.end(body);
    },
    (error: unknown) => {
      res.writeHead(502);
      res.end(String(error));
    },
  );
}).listen(Number(process.env.PORT), '127.0.0.1');
