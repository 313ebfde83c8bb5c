/**
 * Loaded with `node --import` into a Node client of the link suite (the command-line uploader, the
 * seed's client): every connection it opens to 127.0.0.1:<app port> goes to the shaping proxy's
 * port instead, as Chromium's --host-resolver-rules does for the page; URLs and Host headers stay
 * the app's. BENCH_VIA_LINK="<app port>=<proxy port>". Covers node:http (tus-js-client) and fetch.
 */
import http from 'node:http';
import net from 'node:net';

const [from, to] = (process.env.BENCH_VIA_LINK ?? '').split('=').map(Number);
const reroute = (options) => (options && typeof options === 'object' && Number(options.port) === from ? { ...options, port: to } : options);
const connect = net.connect;
net.connect = (options, ...rest) => connect(reroute(options), ...rest);
net.createConnection = net.connect;
const agentConnect = http.Agent.prototype.createConnection;
http.Agent.prototype.createConnection = function createConnection(options, ...rest) {
  return agentConnect.call(this, reroute(options), ...rest);
};
