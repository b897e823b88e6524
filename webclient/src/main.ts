// Entry point of the web client bundle (scripts/build-web.mjs).
import { styles } from './styles.js';
import './components/causerie-app.js';
import { session, store } from './context.js';

document.adoptedStyleSheets = [...document.adoptedStyleSheets, styles];

// For end-to-end tests and the curious: the session and store of this page.
Object.assign(window, { causerie: { session, store } });
