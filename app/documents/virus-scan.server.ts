// Optional virus scanning of uploads (issue 18), off unless CLAMD_SOCKET names a ClamAV daemon:
// a Unix socket path (/run/clamav/clamd.ctl) or host:port (127.0.0.1:3310). The file goes to the
// daemon with its INSTREAM command, from memory; nothing is written to disk. When scanning is on
// and the daemon cannot answer, uploads are refused (fail closed) and the log says why.
import { connect, type Socket } from "node:net";

const CHUNK = 64 * 1024;
const TIMEOUT_MS = 30_000;

export type ScanResult = "clean" | "infected" | "unavailable";

function socketTo(address: string): Socket {
  const tcp = /^([^/:][^:]*):(\d+)$/.exec(address);
  return tcp ? connect({ host: tcp[1]!, port: Number(tcp[2]) }) : connect({ path: address });
}

/** What clamd says of the bytes: "clean" unless it found something, "unavailable" if it did not answer. */
export function scanBytes(address: string, bytes: Buffer): Promise<ScanResult> {
  return new Promise((resolve) => {
    const socket = socketTo(address);
    let answer = "";
    const done = (result: ScanResult, why?: string) => {
      if (why) console.error(`Virus scanning is on (CLAMD_SOCKET) and did not answer: ${why}`);
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(TIMEOUT_MS, () => done("unavailable", "timed out"));
    socket.on("error", (error) => done("unavailable", (error as NodeJS.ErrnoException).code ?? error.message));
    socket.on("data", (data) => (answer += data.toString("utf8")));
    socket.on("end", () => {
      // "stream: OK" or "stream: <signature> FOUND" (or an error such as "INSTREAM size limit exceeded").
      const reply = answer.replace(/\0/g, "").trim();
      if (/^stream: OK$/.test(reply)) done("clean");
      else if (/ FOUND$/.test(reply)) done("infected");
      else done("unavailable", reply.slice(0, 120) || "no reply");
    });
    socket.on("connect", () => {
      socket.write("zINSTREAM\0");
      for (let at = 0; at < bytes.length; at += CHUNK) {
        const chunk = bytes.subarray(at, at + CHUNK);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(chunk.length);
        socket.write(length);
        socket.write(chunk);
      }
      socket.write(Buffer.alloc(4)); // a chunk of length 0 ends the stream
    });
  });
}
