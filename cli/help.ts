import { DEFAULT_LOCAL_WIX_URL } from '../clients/local-wix.js';
import { DEFAULT_CHUNK_SIZE, DEFAULT_CONCURRENCY } from '../src/upload-engine/node/index.js';
import { EXIT_CODES } from './exit-codes.js';
import { RECORDS_DIR } from './records.js';

const MIB = 1024 * 1024;

export const HELP = `Usage: resumable-upload <files or folders...> [--from-url <link>...] [options]

Uploads files into a Wix site's Media Manager over tus, resumably: stopped or killed, the same
command run again continues each unfinished file from the bytes the server holds, and does not
send again the files it finished. Folders are walked recursively (hidden entries left out) and
keep their tree under --folder. Files behind links (--from-url) are imported by the Media Manager
itself: Wix fetches them, nothing is sent from this machine.

Where to:
  the local Wix (\`npm start\`), at ${DEFAULT_LOCAL_WIX_URL} or --url;
  a real site when WIX_SITE_ID and WIX_API_KEY are set (an API key with Manage Media Manager).

Options:
  --from-url <link>    a file for the Media Manager to import from an http(s) link (repeatable)
  --folder <path>      Media Manager folder to upload into, e.g. /clients/2026 (created if missing)
  --private            upload as private files (read only through temporary links)
  --labels <a,b>       labels for every file, comma-separated
  --concurrency <n>    files sent at the same time (default ${DEFAULT_CONCURRENCY})
  --chunk-size <size>  the largest request, e.g. 8MiB (default ${DEFAULT_CHUNK_SIZE / MIB}MiB)
  --url <origin>       the local Wix's address (default ${DEFAULT_LOCAL_WIX_URL})
  --lang <code>        the language of the output: en, es, de, fr or he (default: LC_ALL, LC_MESSAGES
                       or LANG, e.g. de_DE.UTF-8; English for any other); --json's fields stay as they are
  -q, --quiet          print nothing but failures
  --json               one JSON object per line on stdout, for scripts
  -h, --help           this help

Resume records are kept in ${RECORDS_DIR}/<target>/ under the current folder.

Exit codes:
  ${EXIT_CODES.allReady}    every file is READY in the Media Manager
  ${EXIT_CODES.filesFailed}    some files failed or were refused (each is named with its reason)
  ${EXIT_CODES.usage}    wrong command line: unknown option, bad value, missing path
  ${EXIT_CODES.unreachable}    the server could not be reached or refused the credentials
  ${EXIT_CODES.internalError}   a fault of the uploader itself (its stack is printed)
  ${EXIT_CODES.interrupted}  stopped by Ctrl-C: run the same command again to continue
`;
