// Shared by every page: sign-in (bearer token kept per browser tab), REST calls, the SignalR hub, formatting.
"use strict";
const CC = {
  session: JSON.parse(sessionStorage.getItem("cc.session") || "null"),

  async signIn(tenant, user, password) {
    const r = await fetch("/api/auth/login", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ tenant, user, password }),
    });
    if (!r.ok) throw new Error((await r.json()).detail || "Sign-in failed");
    const token = (await r.json()).accessToken;
    const me = await (await fetch("/api/me", { headers: { Authorization: "Bearer " + token } })).json();
    CC.session = { token, ...me };
    sessionStorage.setItem("cc.session", JSON.stringify(CC.session));
    return CC.session;
  },

  signOut() { sessionStorage.removeItem("cc.session"); CC.session = null; location.reload(); },

  hasRole(...roles) { return !!CC.session && roles.some(r => CC.session.roles.includes(r)); },

  // A call to /api/tenants/{own tenant}{path}; refusals throw an Error carrying status and ProblemDetails text.
  async api(method, path, body) {
    const r = await fetch("/api/tenants/" + encodeURIComponent(CC.session.tenant) + path, {
      method,
      headers: { Authorization: "Bearer " + CC.session.token, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (r.status === 401) { CC.signOut(); throw new Error("Signed out"); }
    const type = r.headers.get("content-type") || "";
    const data = type.includes("json") ? await r.json() : await r.text();
    if (!r.ok) {
      const e = new Error((data && (data.detail || data.title)) || ("HTTP " + r.status));
      e.status = r.status;
      throw e;
    }
    return data;
  },

  async blob(path) {
    const r = await fetch("/api/tenants/" + encodeURIComponent(CC.session.tenant) + path, { headers: { Authorization: "Bearer " + CC.session.token } });
    if (!r.ok) { const p = await r.json().catch(() => ({})); throw new Error(p.detail || ("HTTP " + r.status)); }
    return r.blob();
  },

  hub(handlers, onState) {
    const connection = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/callcenter", { accessTokenFactory: () => CC.session.token })
      .withAutomaticReconnect()
      .build();
    for (const [name, handler] of Object.entries(handlers)) connection.on(name, handler);
    const report = s => { if (onState) onState(s); };
    connection.onreconnecting(() => report("reconnecting"));
    connection.onreconnected(() => report("live"));
    connection.onclose(() => report("offline"));
    connection.start().then(() => report("live"), () => report("offline"));
    return connection;
  },

  // Renders the sign-in form into #signin when nobody (or nobody with one of the roles) is signed in.
  requireSignIn(roles, start) {
    const box = document.getElementById("signin");
    if (CC.hasRole(...roles)) {
      box.innerHTML = `<span class="who">${CC.esc(CC.session.user)} @ ${CC.esc(CC.session.tenant)}</span> <button id="signout">Sign out</button>`;
      document.getElementById("signout").onclick = CC.signOut;
      start();
      return;
    }
    box.innerHTML = `<form id="signin-form">
        <input id="tenant" placeholder="tenant" required> <input id="user" placeholder="user" required>
        <input id="password" type="password" placeholder="password" required> <button id="signin-button">Sign in</button>
        <span class="hint">(${roles.join(" or ")})</span> <span id="signin-error" class="error"></span></form>`;
    document.getElementById("signin-form").onsubmit = async ev => {
      ev.preventDefault();
      try {
        await CC.signIn(CC.val("tenant"), CC.val("user"), CC.val("password"));
        if (!CC.hasRole(...roles)) throw new Error("This page needs the role " + roles.join(" or "));
        location.reload();
      } catch (e) { document.getElementById("signin-error").textContent = e.message; }
    };
  },

  val(id) { return document.getElementById(id).value.trim(); },
  esc(text) { return String(text ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]); },
  duration(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    const h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60, s = seconds % 60;
    return (h ? h + ":" + String(m).padStart(2, "0") : m) + ":" + String(s).padStart(2, "0");
  },
  percent(x) { return x == null ? "–" : (100 * x).toFixed(1) + " %"; },
  seconds(x) { return x == null ? "–" : x.toFixed(1) + " s"; },
  message(id, text, error) { const el = document.getElementById(id); el.textContent = text; el.className = error ? "error" : "ok"; },
};
