// Entry point of the WebAdmin bundle (scripts/build-web.mjs).
import './components/admin-app.js';
