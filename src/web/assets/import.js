// 导入 page: sends the chosen .xlsx as the request body (no multipart parser on the server), shows
// the upload's percentage, then 「正在读取…」 while the server reads and checks it, then opens the
// report the server redirected to. A file, not an inline script: the CSP allows only 'self'.
(() => {
  const form = document.getElementById('import-form');
  const input = document.getElementById('import-file');
  const status = document.getElementById('import-status');
  const statusText = document.getElementById('import-status-text');
  const bar = document.getElementById('import-progress');
  const texts = document.getElementById('import-texts');
  if (!form || !input || !status || !statusText || !bar || !texts) return;
  const say = (text) => {
    statusText.textContent = text;
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = input.files?.[0];
    if (!chosen) {
      status.hidden = false;
      say(texts.dataset.pick);
      return;
    }
    // the server would refuse it only after the whole file went up
    if (chosen.size > Number(texts.dataset.max)) {
      status.hidden = false;
      say(texts.dataset.tooLarge);
      return;
    }
    const button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    status.hidden = false;
    say(texts.dataset.uploading);
    bar.max = 100;
    bar.value = 0;
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.setRequestHeader('X-CSRF-Token', form.elements.csrf.value);
    request.setRequestHeader('X-File-Name', encodeURIComponent(chosen.name));
    request.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
    });
    // all bytes sent: the server now reads the workbook; no percentage for that, so the bar runs
    request.upload.addEventListener('load', () => {
      bar.removeAttribute('value');
      say(texts.dataset.reading);
    });
    request.addEventListener('load', () => {
      if (request.status === 200 && request.responseURL) {
        window.location.assign(request.responseURL);
        return;
      }
      failed();
    });
    request.addEventListener('error', failed);
    function failed() {
      if (button) button.disabled = false;
      bar.value = 0;
      say(texts.dataset.failed);
    }
    request.send(chosen);
  });
})();
