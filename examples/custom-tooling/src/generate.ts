// Renders InferenceService YAML files for a list of releases, as the listener would, with no cluster and
// no MLflow. Run: npm run generate -- <releases.json> <output folder> [namespace]
import { readFileSync } from 'node:fs';
import { generateManifests, type Release } from './generate-manifests.js';

const [releasesFile, outDir, namespace] = process.argv.slice(2);
if (!releasesFile || !outDir) {
  console.error('usage: npm run generate -- <releases.json> <output folder> [namespace]');
  process.exit(2);
}
const releases = JSON.parse(readFileSync(releasesFile, 'utf8')) as Release[];
for (const file of generateManifests(releases, outDir, namespace)) console.log(file);
