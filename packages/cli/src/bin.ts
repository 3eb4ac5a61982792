import { main } from './main.js';

main(process.argv.slice(2), process).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    const reason = (err as { reason?: string }).reason;
    process.stderr.write(`satchel: ${reason ?? err.message}\n`);
    process.exitCode = 1;
  },
);
