// POST /upload with progress: fetch() cannot report upload progress, XMLHttpRequest can.

/** Uploads `file` as the multipart part "image"; resolves to the image's URL. */
export function upload(file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/upload');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) {
        onProgress(event.loaded / event.total);
      }
    });
    xhr.addEventListener('load', () => {
      const body = xhr.response ?? {};
      if (xhr.status === 201 && body.url) {
        onProgress(1);
        resolve(body.url);
      } else if (xhr.status === 401) {
        location.replace('/');
        reject(new Error(body.message || 'Choose a display name first.'));
      } else {
        reject(new Error(body.message || `The upload failed (${xhr.status}).`));
      }
    });
    xhr.addEventListener('error', () => reject(new Error('The upload failed: no connection to the server.')));
    xhr.addEventListener('abort', () => reject(new Error('The upload was cancelled.')));
    const form = new FormData();
    form.append('image', file, file.name);
    xhr.send(form);
  });
}
