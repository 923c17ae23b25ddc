import type { Metadata } from 'next';
import { UploadDropzone } from '@/components/upload/upload-dropzone';
import { MAX_UPLOAD_BYTES } from '@/lib/sources/upload-source';

export const metadata: Metadata = { title: 'Upload' };

export default function UploadPage() {
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit a dump</h1>
        <p className="mt-1 text-sm text-slate-600">
          Upload the RBAC of a cluster you cannot reach from here, and explore it like a live one —
          graph, checks, who-can and findings — until you clear the upload. Files stay in this
          server&apos;s memory only.
        </p>
      </div>
      <UploadDropzone maxBytes={MAX_UPLOAD_BYTES} />
      <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">
        <p className="font-medium">To make a dump:</p>
        <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">
          {`kubectl get serviceaccounts,roles,rolebindings,pods -A -o yaml > namespaced.yaml
kubectl get clusterroles,clusterrolebindings,namespaces -o yaml > cluster.yaml`}
        </pre>
      </div>
    </div>
  );
}
