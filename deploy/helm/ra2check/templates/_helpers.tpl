{{/* Names ---------------------------------------------------------------------------------------------------- */}}

{{- define "ra2check.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "ra2check.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The agent's objects (DaemonSet, ServiceAccount). */}}
{{- define "ra2check.agentName" -}}
{{- printf "%s-agent" (include "ra2check.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The collector's objects (Deployment, Service, ServiceAccount, RBAC). A DNS label: it is the Service's host. */}}
{{- define "ra2check.collectorName" -}}
{{- printf "%s-collector" (include "ra2check.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "ra2check.collectorHost" -}}
{{- printf "%s.%s.svc" (include "ra2check.collectorName" .) .Release.Namespace }}
{{- end }}

{{- define "ra2check.collectorUrl" -}}
{{- printf "https://%s:%d" (include "ra2check.collectorHost" .) (int .Values.collector.port) }}
{{- end }}

{{- define "ra2check.audience" -}}
{{- default (include "ra2check.collectorHost" .) .Values.collector.audience }}
{{- end }}

{{- define "ra2check.leaseName" -}}
{{- default (include "ra2check.collectorName" .) .Values.collector.leaseName }}
{{- end }}

{{- define "ra2check.tlsSecretName" -}}
{{- if eq .Values.collector.tls.mode "existingSecret" }}
{{- required "collector.tls.existingSecret: name the Secret (tls.crt, tls.key, ca.crt) when collector.tls.mode is existingSecret" .Values.collector.tls.existingSecret }}
{{- else }}
{{- printf "%s-tls" (include "ra2check.collectorName" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* Image ---------------------------------------------------------------------------------------------------- */}}

{{- define "ra2check.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag }}
{{- end }}

{{- define "ra2check.image" -}}
{{- $ref := printf "%s:%s" .Values.image.repository (include "ra2check.imageTag" .) }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" $ref .Values.image.digest }}
{{- else }}
{{- $ref }}
{{- end }}
{{- end }}

{{/* Labels: the recommended app.kubernetes.io set (ra2.app.045). The version label is the image tag, made a valid
     label value; it changes with upgrades, so selectors leave it out. */}}

{{- define "ra2check.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ra2check.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "ra2check.labels" -}}
{{ include "ra2check.selectorLabels" . }}
app.kubernetes.io/version: {{ regexReplaceAll "[^A-Za-z0-9._-]" (include "ra2check.imageTag" .root) "_" | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/part-of: ra2check
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* The collector's settings: the ConfigMap's data, and the name that changes with it (the ConfigMap is immutable,
     ra2.app.037, so new settings are a new ConfigMap and a rollout). Each key is the environment variable the
     collector's flag of the same name is expanded from (collectorFlags). */}}
{{- define "ra2check.collectorSettings" -}}
RA2CHECK_LISTEN: {{ printf ":%d" (int .Values.collector.port) | quote }}
RA2CHECK_TLS_CERT_FILE: /etc/ra2check/tls/tls.crt
RA2CHECK_TLS_KEY_FILE: /etc/ra2check/tls/tls.key
RA2CHECK_AUDIENCE: {{ include "ra2check.audience" . | quote }}
RA2CHECK_AGENT_SERVICE_ACCOUNT: {{ printf "%s/%s" .Release.Namespace (include "ra2check.agentName" .) | quote }}
RA2CHECK_NAMESPACE: {{ .Release.Namespace | quote }}
RA2CHECK_LEASE_NAME: {{ include "ra2check.leaseName" . | quote }}
RA2CHECK_REPORT_INTERVAL: {{ .Values.agent.interval | quote }}
RA2CHECK_STALE_AFTER_MISSED: {{ .Values.collector.staleAfterMissed | quote }}
RA2CHECK_NODE_FEATURES: {{ .Values.collector.nodeFeatures | quote }}
RA2CHECK_WORKLOAD_NAMESPACES: {{ join "," .Values.collector.workloadNamespaces | quote }}
RA2CHECK_REPORT_API: {{ .Values.collector.reportApi | quote }}
{{- end }}

{{/* flag name -> settings key */}}
{{- define "ra2check.collectorFlags" -}}
listen: RA2CHECK_LISTEN
tls-cert-file: RA2CHECK_TLS_CERT_FILE
tls-key-file: RA2CHECK_TLS_KEY_FILE
audience: RA2CHECK_AUDIENCE
agent-service-account: RA2CHECK_AGENT_SERVICE_ACCOUNT
namespace: RA2CHECK_NAMESPACE
lease-name: RA2CHECK_LEASE_NAME
report-interval: RA2CHECK_REPORT_INTERVAL
stale-after-missed: RA2CHECK_STALE_AFTER_MISSED
workload-namespaces: RA2CHECK_WORKLOAD_NAMESPACES
{{- end }}

{{- define "ra2check.collectorConfigName" -}}
{{- printf "%s-%s" (include "ra2check.collectorName" .) (include "ra2check.collectorSettings" . | sha256sum | trunc 10) }}
{{- end }}
