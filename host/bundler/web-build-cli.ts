/** `npm run build:web`: the browser page into dist/web. */
import { buildWeb } from "./web-build";

const b = await buildWeb();
console.log(`dist/web: app.js ${b.appBytes} bytes (${b.allBytes} with the chunks it loads when used), firmware build ${b.build}`);
