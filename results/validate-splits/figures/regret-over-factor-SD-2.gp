# cd to this folder, then: gnuplot regret-over-factor-SD-2.gp
set terminal svg size 331,238 dynamic font 'Helvetica,8'
set output 'regret-over-factor-SD-2.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics lc rgb 'gray80'
set title 'SD-2: regret of each model''s P' noenhanced
set xlabel 'fog energy-efficiency factor f' noenhanced
set ylabel 'regret (% of the best)' noenhanced
set yrange [0:*]
set logscale x
set xrange [0.8695652173913044:23]
set key below height 1
set xtics nomirror (1, 2, 5, 10, 20)
plot 'regret-over-factor-SD-2.dat' using 1:2 with linespoints lw 1.5 ps 0.8 lc rgb '#000000' dt 1 pt 7 title 'regret paper, radio = nrf52832-1m' noenhanced, \
     '' using 1:3 with linespoints lw 1.5 ps 0.8 lc rgb '#0072B2' dt 2 pt 5 title 'regret paper, radio = nrf52840-2m' noenhanced, \
     '' using 1:4 with linespoints lw 1.5 ps 0.8 lc rgb '#D55E00' dt 3 pt 9 title 'regret prot, radio = nrf52832-1m' noenhanced, \
     '' using 1:5 with linespoints lw 1.5 ps 0.8 lc rgb '#009E73' dt 4 pt 13 title 'regret prot, radio = nrf52840-2m' noenhanced
set terminal pngcairo size 1035,745 font 'Helvetica,8' fontscale 3.125 linewidth 3.125
set output 'regret-over-factor-SD-2.png'
replot
set terminal pdfcairo size 3.45in,2.48in font 'Helvetica,8' linewidth 1
set output 'regret-over-factor-SD-2.pdf'
replot
unset output
