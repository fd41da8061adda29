"""Hand-written parallel Bokmål/Nynorsk school paragraphs (written for norcurate, Apache-2.0)."""

PARALLEL = [
    (
        "Vannets kretsløp drives av sola. Vann fordamper fra hav og innsjøer, stiger opp og danner skyer. "
        "Når skyene blir tunge nok, faller vannet ned igjen som regn eller snø og renner tilbake til havet.",
        "Krinslaupet til vatnet vert drive av sola. Vatn fordampar frå hav og innsjøar, stig opp og dannar skyer. "
        "Når skyene vert tunge nok, fell vatnet ned att som regn eller snø og renn tilbake til havet.",
    ),
    (
        "Et substantiv er et ord som betegner en person, et dyr, en ting eller et begrep. Substantiv kan bøyes i "
        "entall og flertall og i bestemt og ubestemt form. Eksempler er «hus», «katt» og «glede».",
        "Eit substantiv er eit ord som nemner ein person, eit dyr, ein ting eller eit omgrep. Substantiv kan bøyast i "
        "eintal og fleirtal og i bunden og ubunden form. Døme er «hus», «katt» og «glede».",
    ),
    (
        "Demokrati betyr folkestyre. I et representativt demokrati velger innbyggerne politikere som skal ta "
        "beslutninger på deres vegne. I Norge holdes det stortingsvalg hvert fjerde år.",
        "Demokrati tyder folkestyre. I eit representativt demokrati vel innbyggjarane politikarar som skal ta "
        "avgjerder på vegner av dei. I Noreg er det stortingsval kvart fjerde år.",
    ),
    (
        "Celler er de minste byggesteinene i alle levende organismer. Noen organismer, som bakterier, består av bare "
        "én celle. Mennesker består av mange milliarder celler med ulike oppgaver.",
        "Celler er dei minste byggjesteinane i alle levande organismar. Nokre organismar, som bakteriar, består av "
        "berre éi celle. Menneske består av mange milliardar celler med ulike oppgåver.",
    ),
    (
        "En brøk består av en teller og en nevner. Nevneren forteller hvor mange like deler helheten er delt inn i, "
        "og telleren forteller hvor mange av delene vi har. Brøken tre firedeler betyr altså tre av fire like deler.",
        "Ein brøk består av ein teljar og ein nemnar. Nemnaren fortel kor mange like delar heilskapen er delt inn i, "
        "og teljaren fortel kor mange av delane vi har. Brøken tre firedelar tyder altså tre av fire like delar.",
    ),
    (
        "Industrialiseringen i Norge skjøt fart mot slutten av 1800-tallet. Fossefall ble bygd ut for å lage strøm, "
        "og nye fabrikker trakk folk fra landsbygda til byene. Samfunnet endret seg raskt.",
        "Industrialiseringa i Noreg skaut fart mot slutten av 1800-talet. Fossefall vart bygde ut for å lage straum, "
        "og nye fabrikkar trekte folk frå landsbygda til byane. Samfunnet endra seg raskt.",
    ),
    (
        "Et økosystem består av alle organismene i et område og miljøet de lever i. Planter, dyr, sopp og bakterier "
        "er avhengige av hverandre. Hvis én art forsvinner, kan det få følger for mange andre.",
        "Eit økosystem består av alle organismane i eit område og miljøet dei lever i. Planter, dyr, sopp og "
        "bakteriar er avhengige av kvarandre. Dersom éin art forsvinn, kan det få følgjer for mange andre.",
    ),
    (
        "Et verb er et ord som forteller hva noen gjør, eller hva som skjer. Verb bøyes i tid, for eksempel «leser», "
        "«leste» og «har lest». I en setning er verbet ofte det viktigste ordet.",
        "Eit verb er eit ord som fortel kva nokon gjer, eller kva som skjer. Verb vert bøygde i tid, til dømes «les», "
        "«las» og «har lese». I ei setning er verbet ofte det viktigaste ordet.",
    ),
    (
        "Stortinget er Norges nasjonalforsamling. Det vedtar lover, bestemmer statsbudsjettet og kontrollerer "
        "regjeringen. Representantene kommer fra alle fylkene i landet.",
        "Stortinget er nasjonalforsamlinga i Noreg. Det vedtek lover, bestemmer statsbudsjettet og kontrollerer "
        "regjeringa. Representantane kjem frå alle fylka i landet.",
    ),
    (
        "Muskler kan bare trekke seg sammen, ikke skyve. Derfor arbeider de ofte i par, der den ene muskelen bøyer "
        "et ledd og den andre strekker det. Biceps og triceps i overarmen er et kjent eksempel.",
        "Musklar kan berre trekkje seg saman, ikkje skyve. Difor arbeider dei ofte i par, der den eine muskelen "
        "bøyer eit ledd og den andre strekkjer det. Biceps og triceps i overarmen er eit kjent døme.",
    ),
    (
        "Et eventyr begynner ofte med «Det var en gang». Eventyrene ble fortalt muntlig i generasjoner før Asbjørnsen "
        "og Moe samlet dem og ga dem ut. Typiske trekk er faste figurer, gjentakelser og tallet tre.",
        "Eit eventyr byrjar ofte med «Det var ein gong». Eventyra vart fortalde munnleg i generasjonar før Asbjørnsen "
        "og Moe samla dei og gav dei ut. Typiske trekk er faste figurar, gjentakingar og talet tre.",
    ),
    (
        "Energi kan verken skapes eller forsvinne, bare gå over fra én form til en annen. Når du sykler, gjøres "
        "kjemisk energi i kroppen om til bevegelsesenergi. Noe av energien blir også til varme.",
        "Energi kan korkje skapast eller forsvinne, berre gå over frå éi form til ei anna. Når du syklar, vert kjemisk "
        "energi i kroppen gjord om til rørsleenergi. Noko av energien vert òg til varme.",
    ),
    (
        "Kildekritikk betyr å vurdere hvor pålitelig en kilde er. Spør deg selv hvem som står bak, når teksten ble "
        "skrevet og hvorfor. Sammenlign gjerne med andre kilder før du stoler på opplysningene.",
        "Kjeldekritikk tyder å vurdere kor påliteleg ei kjelde er. Spør deg sjølv kven som står bak, når teksten vart "
        "skriven og kvifor. Samanlikn gjerne med andre kjelder før du stolar på opplysningane.",
    ),
    (
        "Nordisk bronsealder varte fra omtrent 1700 til 500 før vår tidsregning. Bronse var kostbart og ble brukt til "
        "våpen og smykker for de rikeste. Helleristninger fra denne tiden viser skip, mennesker og dyr.",
        "Nordisk bronsealder varte frå om lag 1700 til 500 før vår tidsrekning. Bronse var kostbart og vart brukt til "
        "våpen og smykke for dei rikaste. Helleristingar frå denne tida viser skip, menneske og dyr.",
    ),
    (
        "Et adjektiv beskriver et substantiv. Adjektiv kan gradbøyes, for eksempel «stor», «større» og «størst». "
        "De bøyes også etter kjønn og tall i substantivet de hører til.",
        "Eit adjektiv skildrar eit substantiv. Adjektiv kan gradbøyast, til dømes «stor», «større» og «størst». "
        "Dei vert òg bøygde etter kjønn og tal i substantivet dei høyrer til.",
    ),
    (
        "Mineraler er naturlige, faste stoffer med en bestemt kjemisk sammensetning. Bergarter er satt sammen av ett "
        "eller flere mineraler. Granitt består for eksempel mest av kvarts, feltspat og glimmer.",
        "Mineral er naturlege, faste stoff med ei bestemt kjemisk samansetjing. Bergartar er sette saman av eitt eller "
        "fleire mineral. Granitt består til dømes mest av kvarts, feltspat og glimmer.",
    ),
    (
        "Et primtall er et helt tall større enn 1 som bare kan deles med 1 og seg selv. De første primtallene er 2, "
        "3, 5, 7 og 11. Tallet 2 er det eneste primtallet som er et partall.",
        "Eit primtal er eit heilt tal større enn 1 som berre kan delast med 1 og seg sjølv. Dei første primtala er 2, "
        "3, 5, 7 og 11. Talet 2 er det einaste primtalet som er eit partal.",
    ),
    (
        "Kommunene har ansvar for mange tjenester i hverdagen, som barnehager, grunnskoler og hjemmetjenester. "
        "Kommunestyret velges av innbyggerne hvert fjerde år. Ordføreren leder møtene i kommunestyret.",
        "Kommunane har ansvar for mange tenester i kvardagen, som barnehagar, grunnskular og heimetenester. "
        "Kommunestyret vert valt av innbyggjarane kvart fjerde år. Ordføraren leier møta i kommunestyret.",
    ),
    (
        "Hjertet pumper blod rundt i kroppen gjennom et nettverk av blodårer. Arteriene fører blodet ut fra hjertet, "
        "og venene fører det tilbake. I de tynne kapillærene skjer utvekslingen av oksygen og avfallsstoffer.",
        "Hjartet pumpar blod rundt i kroppen gjennom eit nettverk av blodårer. Arteriane fører blodet ut frå hjartet, "
        "og venene fører det tilbake. I dei tynne kapillærane skjer utvekslinga av oksygen og avfallsstoff.",
    ),
    (
        "En novelle er en kort fortelling som ofte handler om ett avgjørende øyeblikk. Handlingen starter gjerne rett "
        "på sak, og det er få personer. Slutten kan være åpen, slik at leseren må tenke selv.",
        "Ei novelle er ei kort forteljing som ofte handlar om eitt avgjerande augeblikk. Handlinga startar gjerne "
        "rett på sak, og det er få personar. Slutten kan vere open, slik at lesaren må tenkje sjølv.",
    ),
    (
        "Magneter har en nordpol og en sørpol. Like poler frastøter hverandre, mens ulike poler tiltrekker hverandre. "
        "Jorda fungerer selv som en stor magnet.",
        "Magnetar har ein nordpol og ein sørpol. Like polar støyter kvarandre frå seg, medan ulike polar trekkjer "
        "kvarandre til seg. Jorda fungerer sjølv som ein stor magnet.",
    ),
    (
        "Menneskerettighetene gjelder for alle mennesker, uansett hvor de bor. FN vedtok verdenserklæringen om "
        "menneskerettighetene i 1948. Den slår blant annet fast retten til liv, ytringsfrihet og utdanning.",
        "Menneskerettane gjeld for alle menneske, same kvar dei bur. FN vedtok verdsfråsegna om menneskerettane i "
        "1948. Ho slår mellom anna fast retten til liv, ytringsfridom og utdanning.",
    ),
    (
        "Istiden satte tydelige spor i det norske landskapet. Breene gravde ut daler og fjorder og la igjen store "
        "steinblokker langt fra der de kom fra. Slike steiner kalles flyttblokker.",
        "Istida sette tydelege spor i det norske landskapet. Breane grov ut dalar og fjordar og la att store "
        "steinblokker langt frå der dei kom frå. Slike steinar vert kalla flyttblokker.",
    ),
    (
        "Når vi skriver en argumenterende tekst, må vi ha en tydelig påstand. Påstanden støttes med argumenter og "
        "gjerne eksempler. Det er også lurt å ta opp motargumenter og svare på dem.",
        "Når vi skriv ein argumenterande tekst, må vi ha ein tydeleg påstand. Påstanden vert støtta med argument og "
        "gjerne døme. Det er òg lurt å ta opp motargument og svare på dei.",
    ),
    (
        "Vekstsesongen er den delen av året da plantene vokser. I Sør-Norge kan den vare over et halvt år, mens den er "
        "mye kortere i fjellet og i nord. Temperaturen må som regel være over fem grader for at plantene skal vokse.",
        "Vekstsesongen er den delen av året då plantene veks. I Sør-Noreg kan han vare over eit halvt år, medan han er "
        "mykje kortare i fjellet og i nord. Temperaturen må som regel vere over fem grader for at plantene skal vekse.",
    ),
    (
        "Sola er en stjerne som består mest av hydrogen og helium. I kjernen smelter hydrogen sammen til helium, og "
        "det frigjør enorme mengder energi. Lyset fra sola bruker omtrent åtte minutter til jorda.",
        "Sola er ei stjerne som mest består av hydrogen og helium. I kjernen smeltar hydrogen saman til helium, og det "
        "frigjer enorme mengder energi. Lyset frå sola brukar om lag åtte minutt til jorda.",
    ),
    (
        "Et mønster i matematikk er en regel som gjentar seg. I tallfølgen 3, 6, 9, 12 øker hvert tall med tre. Når "
        "vi har funnet regelen, kan vi regne ut hvilke tall som kommer senere i følgen.",
        "Eit mønster i matematikk er ein regel som gjentek seg. I talfølgja 3, 6, 9, 12 aukar kvart tal med tre. Når "
        "vi har funne regelen, kan vi rekne ut kva tal som kjem seinare i følgja.",
    ),
    (
        "Fordøyelsen starter allerede i munnen, der tennene tygger maten og spyttet begynner å bryte den ned. I magesekken "
        "blandes maten med magesyre. Det meste av næringen tas opp i tynntarmen.",
        "Fordøyinga startar alt i munnen, der tennene tyggjer maten og spyttet byrjar å bryte han ned. I magesekken vert "
        "maten blanda med magesyre. Det meste av næringa vert teken opp i tynntarmen.",
    ),
    (
        "Globalisering betyr at land og mennesker knyttes tettere sammen gjennom handel, reiser og kommunikasjon. Varer vi "
        "kjøper i Norge, kan være produsert på den andre siden av jorda. Det gir både muligheter og utfordringer.",
        "Globalisering tyder at land og menneske vert knytte tettare saman gjennom handel, reiser og kommunikasjon. Varer "
        "vi kjøper i Noreg, kan vere produserte på den andre sida av jorda. Det gjev både moglegheiter og utfordringar.",
    ),
    (
        "Et dikt kan ha rim og rytme, men mange moderne dikt har verken rim eller fast takt. Lyrikk bruker ofte "
        "språklige bilder, som metaforer og sammenligninger. Slik kan diktet si mye med få ord.",
        "Eit dikt kan ha rim og rytme, men mange moderne dikt har korkje rim eller fast takt. Lyrikk brukar ofte "
        "språklege bilete, som metaforar og samanlikningar. Slik kan diktet seie mykje med få ord.",
    ),
]
