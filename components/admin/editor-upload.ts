/** What the editor's upload route answers: where the image lives, or why it was refused. */
export type UploadAnswer = { ok: true; id: number; path: string; src: string } | { ok: false; error: string };

/**
 * Sends one image to the blog's editor upload route, reporting progress from 0 to 1. XMLHttpRequest,
 * not fetch: only it reports the progress of a request's body.
 */
export function uploadImage(blogSlug: string, file: File, onProgress: (fraction: number) => void, offlineMessage: string): Promise<UploadAnswer> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/admin/${encodeURIComponent(blogSlug)}/medias/depuis-editeur`);
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const answer = request.response as UploadAnswer | null;
      resolve(answer && typeof answer === "object" && "ok" in answer ? answer : { ok: false, error: offlineMessage });
    };
    request.onerror = () => resolve({ ok: false, error: offlineMessage });
    const form = new FormData();
    form.append("fichier", file);
    request.send(form);
  });
}
