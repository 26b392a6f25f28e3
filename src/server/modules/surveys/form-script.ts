/**
 * What the scripts of the public forms (survey, consultation) share, written into each inside
 * its function, after it has declared `form`, `summary` and `button`. Each script declares
 * `questionOf(detail)`: the `.question` a problem the server returned is about.
 *
 * - `browserKey()`: a random key kept in the browser, so the server can tell repeat submissions;
 * - `clearErrors()` and `showProblems(message, details)`: the summary and each question's error;
 * - `send(url, payload, failure, created, refused)`: posts the payload as JSON; on 201 calls
 *   `created(body)`, otherwise `refused(error)` if given and shows the server's problems (or
 *   `failure`), or that there is no connection.
 */
export const PUBLIC_FORM_FUNCTIONS = `  function browserKey() {
    var key = null;
    try { key = window.localStorage.getItem("mrtm-navegador"); } catch (e) {}
    if (!key) {
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      key = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
      try { window.localStorage.setItem("mrtm-navegador", key); } catch (e) {}
    }
    return key;
  }
  function clearErrors() {
    summary.hidden = true;
    summary.textContent = "";
    form.querySelectorAll(".question").forEach(function (q) {
      q.removeAttribute("aria-invalid");
      var p = q.querySelector(".error");
      p.hidden = true;
      p.textContent = "";
    });
  }
  function showProblems(message, details) {
    (details || []).forEach(function (d) {
      var q = questionOf(d);
      if (!q) return;
      q.setAttribute("aria-invalid", "true");
      var p = q.querySelector(".error");
      p.textContent = d.message;
      p.hidden = false;
    });
    summary.textContent = message;
    summary.hidden = false;
    summary.focus();
  }
  function send(url, payload, failure, created, refused) {
    button.disabled = true;
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(payload)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        button.disabled = false;
        if (response.status === 201) {
          created(body || {});
          return;
        }
        var error = (body && body.error) || {};
        if (refused) refused(error);
        showProblems(error.message || failure, error.details);
      });
    }).catch(function () {
      button.disabled = false;
      showProblems("No hay conexión con el servidor. Revise su conexión e intente de nuevo.", []);
    });
  }
`;
