// The entry of dist/satchel.min.js: a `<script>` build that exposes `window.Satchel`.
import SatchelBrowser from './index.js';

(globalThis as { Satchel?: unknown }).Satchel = SatchelBrowser;
