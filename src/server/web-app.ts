import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Express } from "express";
import { ErrorCode } from "../errors.js";
import { routeNotFound, sendError } from "./http.js";

/** Where `npm run app:build` (Vite, web/vite.config.ts) writes the policymaker's app. */
export const APP_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/dist");

/**
 * Serves the policymaker's app at `/app/`: the files Vite built from web/, nothing from another host.
 * Hashed assets are cached for a year; the page itself is not, so a new build is seen at once. Any
 * other path under /app/ is the page too, so a shared link with a view in its query string opens.
 * When the app has not been built, /app/ says how to build it.
 */
export function mountWebApp(app: Express, dist = APP_DIST): void {
  const index = path.join(dist, "index.html");
  // Express matches "/app" and "/app/" alike: send only the bare one to the page's own address.
  app.get("/app", (req, res, next) => {
    if (req.path !== "/app") {
      next();
      return;
    }
    const query = req.originalUrl.indexOf("?");
    res.redirect(301, `/app/${query >= 0 ? req.originalUrl.slice(query) : ""}`);
  });
  app.use(
    "/app/assets",
    express.static(path.join(dist, "assets"), { immutable: true, maxAge: "365d", index: false }),
    routeNotFound,
  );
  app.use("/app", express.static(dist, { index: false, maxAge: 0, redirect: false }));
  app.get(/^\/app\/.*/, (_req, res) => {
    if (!existsSync(index)) {
      sendError(res, 503, ErrorCode.APP_NOT_BUILT, "The app has not been built: run `npm run app:build` (npm install does it)");
      return;
    }
    res.set("Cache-Control", "no-cache").sendFile(index);
  });
}
